/**
 * The contract methods as a team member makes them: the member's role is
 * checked before anything changes here (the server checks it again), then
 * the change is made locally through the one store and goes up to the team.
 */
import type { Claim } from '../../../shared/annotations.js';
import { FactDeskError } from '../../../shared/errors.js';
import { diffForDisplay } from '../../../shared/revisions/index.js';
import type { Handlers } from '../dispatcher.js';
import { sourceTextFields, type SettableField } from '../../../shared/team/review.js';
import type { TeamAction } from '../../../shared/team/roles.js';
import type { TeamClient } from './team-client.js';

export function withTeam(h: Handlers, team: () => TeamClient | null, bulkTargets: (batchId: string) => Promise<Array<{ articleId: string; claimId: string }>> = async () => []): Handlers {
  const linked = () => {
    const t = team();
    return t && t.role ? t : null;
  };
  const required = () => {
    const t = team();
    if (!t) throw new FactDeskError('team-not-linked', 'no team client in this host', {});
    return t;
  };
  // A source added here (by hand, or a kept copy of a page or file) goes up with its id.
  const addingSource =
    (m: 'claims.addSource' | 'evidence.attachUrl' | 'evidence.attachFile') =>
    async (input: { articleId: string; claimId: string }): Promise<Claim> => {
      const t = linked();
      t?.check('source.add');
      const c = await (h[m] as (i: typeof input) => Promise<Claim>)(input);
      const s = c.sources[c.sources.length - 1];
      if (s) await t?.publishSource(input.articleId, input.claimId, s);
      return c;
    };
  // A removal goes up first (then is made here): the team's copy never brings back what this member removed.
  const removing =
    <M extends keyof Handlers>(m: M, action: TeamAction, field: SettableField, where: (i: Parameters<Handlers[M]>[0]) => [string, string | null, string | undefined]) =>
    (async (input: Parameters<Handlers[M]>[0]) => {
      const t = linked();
      t?.check(action);
      const [articleId, claimId, itemId] = where(input);
      await t?.publishField(articleId, claimId, field, true, itemId);
      return (h[m] as (i: typeof input) => unknown)(input);
    }) as Handlers[M];
  const bulkFields = (i: { status?: unknown; verdictNote?: unknown; assignee?: unknown }) =>
    (['status', 'verdict', 'assignee'] as const).filter((f) => (f === 'verdict' ? i.verdictNote : i[f]) !== undefined);
  return {
    ...h,
    'team.status': async () => required().status(),
    'team.connect': async ({ url, token }) => required().connect(url, token),
    'team.disconnect': async () => required().disconnect(),
    'team.reconnect': async () => required().reconnect(),
    'team.review': async ({ articleId }) => required().review(articleId),
    'team.textState': async ({ articleId }) => required().textState(articleId),
    'team.textPush': async ({ articleId, update, awareness }) => required().textPush(articleId, update, awareness),
    // A bulk change (the Board) and its undo: what it changed on team articles goes up, claim by claim.
    'claims.bulk': async (input) => {
      const t = linked();
      const fields = bulkFields(input);
      for (const f of fields) t?.check(f === 'status' ? 'claim.status' : f === 'verdict' ? 'claim.verdict' : 'claim.assignee');
      if (input.addSource) t?.check('source.add');
      const r = await h['claims.bulk'](input);
      await t?.publishBulk(input.targets, fields, !!input.addSource);
      return r;
    },
    'claims.undoBulk': async (input) => {
      const t = linked();
      const targets = t ? await bulkTargets(input.batchId) : [];
      const r = await h['claims.undoBulk'](input);
      // What this member may change goes back for the team too (their own batch: the same fields they changed).
      const fields = (['status', 'verdict', 'assignee'] as const).filter((f) => t?.may(f === 'status' ? 'claim.status' : f === 'verdict' ? 'claim.verdict' : 'claim.assignee'));
      await t?.publishBulk(targets, fields, !!t?.may('source.add'));
      return r;
    },
    'articles.write': async (input) => {
      linked()?.check('text.edit');
      return h['articles.write'](input);
    },
    // A team article's audit log is the one the server keeps: every member sees the same.
    'articles.audit': async (input) => (await linked()?.auditLog(input.id)) ?? h['articles.audit'](input),
    // A team article's History is the team's: the same list on every member's app.
    'revisions.list': async (input) => linked()?.revisionList(input.articleId) ?? h['revisions.list'](input),
    'revisions.text': async (input) => linked()?.revisionText(input.articleId, input.revision) ?? h['revisions.text'](input),
    'revisions.diff': async (input) => {
      const t = linked();
      const from = t?.revisionText(input.articleId, input.from);
      const to = t?.revisionText(input.articleId, input.to);
      return from && to ? diffForDisplay(from.text, to.text) : h['revisions.diff'](input);
    },
    'revisions.restore': async (input) => {
      const t = linked();
      t?.check('text.edit');
      const team = t?.revisionText(input.articleId, input.revision);
      return team ? t!.restore(input.articleId, team.text, input.revision, input.baseHash, input.label) : h['revisions.restore'](input);
    },
    'articles.create': async (input) => {
      const t = linked();
      t?.check('article.create');
      const a = await h['articles.create'](input);
      await t?.addArticle(a.id, input.text ?? '');
      return a;
    },
    'articles.setWorkflow': async (input) => {
      const t = linked();
      t?.check('workflow');
      if (input.overrideReason !== undefined && input.workflow === 'published') t?.check('gate.override');
      const before = (await t?.publishing(input.id))?.overrides.length ?? 0;
      const a = await h['articles.setWorkflow'](input);
      // An override of the publication gate is the team's: every member's app records it, the server audits it.
      if (t) await t.publishGateOverrides(input.id, (await t.publishing(input.id)).overrides.slice(before));
      await t?.publishField(input.id, null, 'workflow', input.workflow);
      return a;
    },
    'export.article': async (input) => {
      const t = linked();
      if (!t || input.preview) return h['export.article'](input);
      return t.publishThroughGate(input.articleId, input.overrideReason, () => h['export.article'](input));
    },
    'claims.add': async (input) => {
      const t = linked();
      t?.check('claim.add');
      const c = await h['claims.add'](input);
      await t?.publishClaim(input.articleId, c);
      return c;
    },
    'claims.addDetected': async (input) => {
      const t = linked();
      t?.check('claim.add');
      const r = await h['claims.addDetected'](input);
      for (const c of r.added) await t?.publishClaim(input.articleId, c);
      return r;
    },
    'claims.setStatus': async (input) => {
      const t = linked();
      t?.check('claim.status');
      if (input.verdictNote !== undefined) t?.check('claim.verdict');
      const c = await h['claims.setStatus'](input);
      await t?.publishField(input.articleId, input.claimId, 'status', input.status);
      if (input.verdictNote !== undefined) await t?.publishField(input.articleId, input.claimId, 'verdict', input.verdictNote);
      return c;
    },
    'claims.update': async (input) => {
      const t = linked();
      if (input.assignee !== undefined) t?.check('claim.assignee');
      const described = (['kind', 'value', 'unit', 'note'] as const).filter((f) => input[f] !== undefined);
      if (described.length) t?.check('claim.edit');
      const c = await h['claims.update'](input);
      if (input.assignee !== undefined) await t?.publishField(input.articleId, input.claimId, 'assignee', input.assignee);
      for (const f of described) await t?.publishField(input.articleId, input.claimId, f, input[f] ?? null);
      return c;
    },
    'claims.updateSource': async (input) => {
      const t = linked();
      t?.check('source.add');
      const c = await h['claims.updateSource'](input);
      for (const k of sourceTextFields) {
        const v = input.source[k];
        if (v !== undefined) await t?.publishField(input.articleId, input.claimId, `source.${k}`, v, input.sourceId);
      }
      return c;
    },
    'claims.removeSource': removing('claims.removeSource', 'source.add', 'source.removed', (i) => [i.articleId, i.claimId, i.sourceId]),
    'claims.editComment': async (input) => {
      const t = linked();
      t?.check('comment.add');
      const c = await h['claims.editComment'](input);
      await t?.publishField(input.articleId, input.claimId, 'comment.text', input.text, input.commentId);
      return c;
    },
    'claims.removeComment': removing('claims.removeComment', 'comment.add', 'comment.removed', (i) => [i.articleId, i.claimId, i.commentId]),
    'relations.add': async (input) => {
      const t = linked();
      t?.check('relation.edit');
      const r = await h['relations.add'](input);
      await t?.publishRelation(input.articleId, r);
      return r;
    },
    'relations.remove': removing('relations.remove', 'relation.edit', 'relation.removed', (i) => [i.articleId, null, i.relationId]),
    'articles.rename': async (input) => {
      const t = linked();
      t?.check('article.rename');
      const a = await h['articles.rename'](input);
      await t?.publishField(input.id, null, 'name', a.path);
      return a;
    },
    'articles.delete': removing('articles.delete', 'article.delete', 'article.deleted', (i) => [i.id, null, undefined]),
    'claims.delete': async (input) => {
      const t = linked();
      t?.check('claim.delete');
      const c = await h['claims.delete'](input);
      await t?.publishField(input.articleId, input.claimId, 'deleted', true);
      return c;
    },
    'claims.restore': async (input) => {
      const t = linked();
      t?.check('claim.delete');
      const c = await h['claims.restore'](input);
      await t?.publishField(input.articleId, input.claimId, 'deleted', false);
      return c;
    },
    'claims.addSource': addingSource('claims.addSource'),
    'evidence.attachUrl': addingSource('evidence.attachUrl'),
    'evidence.attachFile': addingSource('evidence.attachFile'),
    'claims.addComment': async (input) => {
      const t = linked();
      t?.check('comment.add');
      const c = await h['claims.addComment'](input);
      const m = c.comments[c.comments.length - 1];
      if (m) await t?.publishComment(input.articleId, input.claimId, m);
      return c;
    },
  };
}
