/**
 * Roles in a local workspace, enforced by the services (not only the UI):
 * the profile's role decides. A verdict is a fact-checker's act (one claim,
 * or a bulk change), overriding the publication gate an editor's; a refused
 * call changes nothing and says why in the UI's language. Without a profile
 * nothing is held back. Run through the dispatcher, HTTP and IPC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddDetectedResult, ClaimList } from '../../shared/annotations.js';
import { FactDeskError } from '../../shared/errors.js';
import { describeError, translatorFor } from '../../shared/i18n/index.js';
import type { ArticleSummary } from '../../shared/model.js';
import { allHosts, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, useTempHome } from '../helpers/temp-workspace.js';


for (const makeHost of allHosts) {
  describe(`roles from the profile (${makeHost.name})`, () => {
    let root: string;
    let home: ReturnType<typeof useTempHome>;
    let h: HostUnderTest;
    let articleId: string;
    let claimIds: string[];

    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(FactDeskError);
      return e as FactDeskError;
    };
    const claims = async () => ((await h.call('claims.list', { articleId })) as ClaimList).claims;

    beforeEach(async () => {
      home = useTempHome('factdesk-roles-home-');
      root = await makeWorkspace({ 'a.txt': '项目总投资305.7亿元,同比增长190.6%,带动就业1200人。\n' });
      h = await makeHost(root);
      const [a] = (await h.call('articles.list')) as ArticleSummary[];
      articleId = a!.id;
      claimIds = ((await h.call('claims.addDetected', { articleId })) as AddDetectedResult).added.map((c) => c.id);
      expect(claimIds.length).toBeGreaterThanOrEqual(3);
    });
    afterEach(async () => {
      await h.close();
      await removeDir(root);
      await home.restore();
    });

    it('refuses an editor a verdict, one claim or in bulk, and changes nothing; work in progress is open to both', async () => {
      await h.call('profile.set', { name: '李编辑', role: 'editor' });
      const one = await refusal(h.call('claims.setStatus', { articleId, claimId: claimIds[0], status: 'verified' }));
      expect(one.code).toBe('role-refused');
      expect(describeError(translatorFor('en'), one.toPayload())).toBe(
        'As an editor (your profile’s role) you may not write a verdict, so nothing was changed. Ask a colleague with that role, or change your role in your profile if it is wrong.',
      );
      expect(describeError(translatorFor('zh-CN'), one.toPayload())).toContain('您资料中的角色是编辑,无权填写核查结论');
      const bulk = await refusal(h.call('claims.bulk', { targets: claimIds.map((claimId) => ({ articleId, claimId })), status: 'false' }));
      expect(bulk.code).toBe('role-refused');
      expect((await claims()).map((c) => c.status)).toEqual(claimIds.map(() => 'unchecked'));
      const audit = (await h.call('articles.audit', { id: articleId })) as Array<{ action: string }>;
      expect(audit.filter((a) => a.action === 'claim.status')).toEqual([]);

      // Not a verdict: an editor may mark work in progress, and assign in bulk.
      await h.call('claims.setStatus', { articleId, claimId: claimIds[0], status: 'in-progress' });
      await h.call('claims.bulk', { targets: claimIds.map((claimId) => ({ articleId, claimId })), assignee: '王芳' });
      const after = await claims();
      expect(after.find((c) => c.id === claimIds[0])!.status).toBe('in-progress');
      expect(after.every((c) => c.assignee === '王芳')).toBe(true);

      // The editor overrides the gate.
      const moved = (await h.call('articles.setWorkflow', { id: articleId, workflow: 'published', overrideReason: '总编批准' })) as ArticleSummary;
      expect(moved.workflow).toBe('published');
    });

    it('refuses a fact-checker the gate override (workflow and export), and lets the verdicts through', async () => {
      await h.call('profile.set', { name: '王芳', role: 'fact-checker' });
      const e = await refusal(h.call('articles.setWorkflow', { id: articleId, workflow: 'published', overrideReason: '急稿' }));
      expect(e.code).toBe('role-refused');
      expect(describeError(translatorFor('en'), e.toPayload())).toContain('As a fact-checker (your profile’s role) you may not override the publication gate');
      expect(((await h.call('articles.list')) as ArticleSummary[])[0]!.workflow).toBe('draft');
      const exp = await refusal(h.call('export.article', { articleId, format: 'txt', language: 'en', overrideReason: '急稿' }));
      expect(exp.code).toBe('role-refused');

      await h.call('claims.bulk', { targets: claimIds.map((claimId) => ({ articleId, claimId })), status: 'verified' });
      expect((await claims()).every((c) => c.status === 'verified')).toBe(true);
      // An undo that would give verdicts back is a verdict: not an editor's; the fact-checker's.
      const toInProgress = (await h.call('claims.bulk', { targets: claimIds.map((claimId) => ({ articleId, claimId })), status: 'in-progress' })) as { batchId: string };
      await h.call('profile.set', { name: '李编辑', role: 'editor' });
      expect((await refusal(h.call('claims.undoBulk', { batchId: toInProgress.batchId }))).code).toBe('role-refused');
      expect((await claims()).every((c) => c.status === 'in-progress')).toBe(true);
      await h.call('profile.set', { name: '王芳', role: 'fact-checker' });
      await h.call('claims.undoBulk', { batchId: toInProgress.batchId });
      expect((await claims()).every((c) => c.status === 'verified')).toBe(true);
      // With every claim checked the gate is open: publishing needs no override, so no role.
      expect(((await h.call('articles.setWorkflow', { id: articleId, workflow: 'published' })) as ArticleSummary).workflow).toBe('published');
    });

    it('holds nothing back before a profile is chosen', async () => {
      await h.call('claims.setStatus', { articleId, claimId: claimIds[0], status: 'verified' });
      expect(((await h.call('articles.setWorkflow', { id: articleId, workflow: 'published', overrideReason: '总编批准' })) as ArticleSummary).workflow).toBe('published');
    });
  });
}
