/**
 * The profile (name and role) through the contract: kept in the app data
 * folder (FACTDESK_HOME), and its name is the author of what the session
 * records from the moment it is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AddDetectedResult, AuditEntry } from '../../shared/annotations.js';
import type { ArticleSummary, Profile } from '../../shared/model.js';
import { dispatcherHost, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, useTempHome } from '../helpers/temp-workspace.js';

let root: string;
let home: ReturnType<typeof useTempHome>;
let h: HostUnderTest;

beforeEach(async () => {
  home = useTempHome('factdesk-profile-home-');
  root = await makeWorkspace({ 'a.txt': '项目总投资305.7亿元,同比增长190.6%。\n' });
  h = await dispatcherHost(root);
});
afterEach(async () => {
  await h.close();
  await removeDir(root);
  await home.restore();
});

it('is null until set, then kept in the app data folder and carried by every audit entry', async () => {
  expect(((await h.call('profile.get')) as { profile: Profile | null }).profile).toBeNull();
  await h.call('profile.set', { name: ' 王芳 ', role: 'fact-checker' });
  expect(JSON.parse(readFileSync(join(home.dir, 'profile.json'), 'utf8'))).toEqual({ name: '王芳', role: 'fact-checker' });
  expect(await h.call('profile.get')).toEqual({ profile: { name: '王芳', role: 'fact-checker' }, author: '王芳' });

  const [a] = (await h.call('articles.list')) as ArticleSummary[];
  const added = (await h.call('claims.addDetected', { articleId: a!.id })) as AddDetectedResult;
  await h.call('claims.setStatus', { articleId: a!.id, claimId: added.added[0]!.id, status: 'verified' });
  const audit = (await h.call('articles.audit', { id: a!.id })) as AuditEntry[];
  expect(audit.length).toBeGreaterThan(0);
  for (const e of audit) expect(e.by).toBe('王芳');
});

it('refuses a role that is not editor or fact-checker, and an empty name', async () => {
  await expect(h.call('profile.set', { name: 'x', role: 'admin' })).rejects.toMatchObject({ code: 'invalid-input' });
  await expect(h.call('profile.set', { name: '  ', role: 'editor' })).rejects.toMatchObject({ code: 'invalid-input' });
});
