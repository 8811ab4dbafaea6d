import { describe, expect, it } from 'vitest';
import { claimStatuses } from '../../../../shared/annotations.js';
import { describeError, createI18n } from '../../../../shared/i18n/index.js';
import { blockingStatuses, publicationBlockedError, publicationGate } from '../../../../shared/export/index.js';
import { FactDeskError } from '../../../../shared/errors.js';
import { claimsFor, seedText } from '../../../helpers/export-fixtures.js';

describe('publication gate', () => {
  it('refuses while any claim is unchecked, in progress, disputed, false, unverifiable or needs re-check, listing them in text order', () => {
    const { claims } = claimsFor(seedText);
    const result = publicationGate(claims);
    expect(result.decision).toBe('blocked');
    const expected = claims.filter((c) => c.status !== 'verified');
    expect(result.blocking.map((b) => b.claimId)).toEqual(expected.map((c) => c.id));
    for (const b of result.blocking) expect(seedText.slice(b.start, b.end)).toBe(b.quote);
    expect(new Set(result.blocking.map((b) => b.status))).toEqual(new Set(claimStatuses.filter((s) => s !== 'verified')));
    expect(blockingStatuses).toHaveLength(6);
  });

  it('opens when every claim is verified, and deleted claims never block', () => {
    const { claims } = claimsFor(seedText, (c, i) => (i % 2 === 0 ? { ...c, status: 'verified' } : { ...c, deleted: true }));
    expect(publicationGate(claims)).toEqual({ decision: 'open', blocking: [] });
    expect(publicationGate([])).toEqual({ decision: 'open', blocking: [] });
  });

  it('lets detached claims block too, listed after the attached ones', () => {
    const { claims } = claimsFor(seedText, (c, i) => ({ ...c, status: i === 0 ? 'false' : i === 1 ? 'unchecked' : 'verified', ...(i === 0 ? { detached: { reason: 'orphan' as const, since: '2022-12-01', revision: 2, at: 0 } } : {}) }));
    const result = publicationGate(claims);
    expect(result.blocking.map((b) => [b.claimId, b.detached])).toEqual([
      [claims[1]!.id, false],
      [claims[0]!.id, true],
    ]);
  });

  it('accepts an override only with a written reason, and keeps the reason', () => {
    const { claims } = claimsFor(seedText);
    expect(() => publicationGate(claims, { reason: '  \n ' })).toThrow(FactDeskError);
    try {
      publicationGate(claims, { reason: '' });
    } catch (e) {
      expect((e as FactDeskError).code).toBe('override-reason-required');
    }
    const result = publicationGate(claims, { reason: '  Breaking news; desk signed off  ' });
    expect(result.decision).toBe('overridden');
    expect(result.reason).toBe('Breaking news; desk signed off');
    expect(result.blocking.length).toBeGreaterThan(0);
  });

  it('says what blocks in both languages', () => {
    const { claims } = claimsFor(seedText);
    const error = publicationBlockedError(publicationGate(claims)).toPayload();
    const zh = describeError(createI18n('zh-CN'), error);
    const en = describeError(createI18n('en'), error);
    const count = claims.filter((c) => c.status !== 'verified').length;
    expect(zh).toContain(`还有 ${count} 条核查项阻止发布`);
    expect(zh).toContain('“2022年”');
    expect(en).toContain(`${count} claims still block publication`);
  });
});
