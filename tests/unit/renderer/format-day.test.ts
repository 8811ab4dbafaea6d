import { describe, expect, it } from 'vitest';
import { dayFieldText, formatDay, parseDay } from '../../../renderer/src/format.js';

describe('a source’s day', () => {
  it('is shown in the UI language and typed back in either language’s way', () => {
    expect(formatDay('2026-12-05', 'zh-CN')).toBe('2026年12月5日');
    expect(formatDay('2026-12-05', 'en')).toBe('5 Dec 2026');
    expect(dayFieldText('2026-12-05', 'zh-CN')).toBe('2026-12-05');
    expect(dayFieldText('2026-12-05', 'en')).toBe('5 Dec 2026');
    for (const typed of ['2026-12-05', '2026/12/5', '2026.12.05', '2026年12月5日', '5 Dec 2026', '5 December 2026', 'Dec 5, 2026', '05 dec. 2026', ' 5 Dec 2026 ']) expect(parseDay(typed), typed).toBe('2026-12-05');
  });

  it('refuses what is not a day, or whose order of day and month is a guess', () => {
    for (const typed of ['', '12/05/2026', '5/12/2026', '2026-02-30', '31 Sep 2026', '5 Decx 2026', '5 De 2026', 'yesterday', '2026年13月1日']) expect(parseDay(typed), typed).toBeNull();
    // Whatever was stored before (free text) is shown as it is.
    expect(formatDay('last week', 'en')).toBe('last week');
  });
});
