/**
 * The implementation of every contract method over the current session.
 * Hosts never call services directly: they bind `createDispatcher(handlers)`.
 */
import { assertMayGiveStatus, assertProfileMay, readProfile, writeProfile } from './profile-store.js';
import { FactDeskError } from '../../shared/errors.js';
import type { DiskComparison } from '../../shared/annotations.js';
import type { HostKind } from '../../shared/model.js';
import { diffForDisplay } from '../../shared/revisions/index.js';
import type { Handlers } from './dispatcher.js';
import type { Session } from './session.js';
import { appVersion } from './sample-workspace.js';
import { Publisher, type PdfRenderer } from './publisher.js';
import type { TeamClient } from './team/team-client.js';
import { withTeam } from './team/team-handlers.js';
import { acceptSuggestions, rejectSuggestions } from './suggestions.js';

export interface HandlerContext {
  host: HostKind;
  /** The session of the workspace open right now (it can change: File › Open Workspace…). */
  session: () => Session;
  /** How this host prints HTML to PDF (Electron: printToPDF); default headless Chromium. */
  pdf?: PdfRenderer;
  /** The team client of the open workspace (null where the host has none). */
  team?: () => TeamClient | null;
}

const emptySource = { title: '', url: '', publisher: '', accessed: '', quote: '', note: '' };

export function createHandlers(ctx: HandlerContext): Handlers {
  const ws = () => ctx.session().workspace;
  const store = () => ctx.session().annotations;
  const version = appVersion();
  const team = ctx.team ?? (() => null);
  return withTeam(localHandlers(ctx, ws, store, version), team, (batchId) => ctx.session().bulk.targets(batchId));
}

function localHandlers(ctx: HandlerContext, ws: () => Session['workspace'], store: () => Session['annotations'], version: string): Handlers {
  // In a team, claims with an unresolved review conflict hold the publication gate like unchecked ones.
  const conflicted = (id: string): ReadonlySet<string> => ctx.team?.()?.conflictedClaims(id) ?? new Set();
  const publisher = () => new Publisher(ctx.session(), ctx.pdf, conflicted);
  /** Workspace exports in progress, by job id, and whether they were cancelled. */
  const jobs = new Map<string, { cancelled: boolean }>();
  return {
    'app.info': async () => ({ version, host: ctx.host }),
    'profile.get': async () => ({ profile: await readProfile(), author: ctx.session().author }),
    'profile.set': async (profile) => {
      const kept = await writeProfile(profile);
      // In a team workspace the team member signs what is recorded (set by the team client), whatever the profile says.
      if (!ctx.team?.()?.role) ctx.session().setAuthor(kept.name);
      return kept;
    },
    'workspace.info': async () => ({ ...ws().info(), author: ctx.session().author }),
    'workspace.notices': async () => ctx.session().notices.list(),
    'workspace.dismissNotice': async ({ id }) => {
      ctx.session().notices.dismiss(id);
      return null;
    },
    'articles.list': async () => {
      await ctx.session().syncFromDisk();
      return ws().summaries();
    },
    'articles.read': async ({ id }) => {
      // Outside edits are taken in (revision, re-anchoring) before the text is shown.
      await ctx.session().syncFromDisk();
      return ws().readCurrent(id);
    },
    'articles.search': async ({ text }) => {
      // Words changed outside FactDesk are found too (only files whose size or time changed are read again).
      await ctx.session().syncFromDisk();
      return ctx.session().articleSearch.find(text);
    },
    'articles.write': async ({ id, text, baseHash, overwrite, label }) =>
      ctx.session().save(id, { text, baseHash, ...(overwrite ? { overwrite } : {}), ...(label ? { label } : {}) }),
    'articles.create': async ({ name, text }) => {
      const id = await ws().create(name, text ?? '');
      ctx.session().bus.emit('articles.changed', {});
      return ws().summary(id);
    },
    'articles.rename': async ({ id, name }) => {
      await ws().rename(id, name);
      await store().notePath(id);
      ctx.session().bus.emit('articles.changed', {});
      return ws().summary(id);
    },
    'articles.delete': async ({ id }) => {
      const entry = await ws().delete(id);
      ctx.session().bus.emit('articles.changed', {});
      return entry;
    },
    'trash.list': async () => ws().trash(),
    'trash.restore': async ({ trashId }) => {
      const id = await ws().restore(trashId);
      ctx.session().bus.emit('articles.changed', {});
      return ws().summary(id);
    },
    'articles.setWorkflow': async ({ id, workflow, overrideReason }) => {
      if (overrideReason !== undefined && !ctx.team?.()?.role) await assertProfileMay('gate.override');
      await store().setWorkflow(id, workflow, overrideReason !== undefined ? { reason: overrideReason } : undefined, conflicted(id));
      return ws().summary(id);
    },
    'articles.setPublicationUrl': async ({ id, url }) => {
      await store().setPublicationUrl(id, url);
      return null;
    },
    'workspace.settings': async () => ws().settings(),
    'workspace.setSettings': async (settings) => ws().setSettings(settings),
    'export.state': async ({ articleId, brief }) => publisher().state(articleId, brief),
    'export.article': async ({ articleId, ...req }) => {
      if (req.overrideReason?.trim() && !ctx.team?.()?.role) await assertProfileMay('gate.override');
      return publisher().exportArticle(articleId, req);
    },
    'export.workspaceReport': async ({ jobId, ...req }) => {
      const job = { cancelled: false };
      jobs.set(jobId, job);
      try {
        return await publisher().workspaceReport(
          req,
          (done, total) => ctx.session().bus.emit('export.progress', { jobId, done, total }),
          () => job.cancelled,
        );
      } finally {
        jobs.delete(jobId);
      }
    },
    'export.cancel': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (job) job.cancelled = true;
      return null;
    },
    'export.import': async ({ articleId, json }) => publisher().importAnnotations(articleId, json),
    'articles.audit': async ({ id }) => store().auditLog(id),
    'articles.compareDisk': async ({ id, baseHash, text }) => {
      const session = ctx.session();
      // What is on disk is taken in (recorded as a revision) before it is compared.
      await session.syncFromDisk();
      const doc = await ws().readCurrent(id);
      const base = await session.revisions.byDiskHash(id, baseHash);
      const baseText = base ? await session.revisions.text(id, base.n) : '';
      const result: DiskComparison = { base, diskHash: doc.disk.hash, changed: doc.disk.hash !== baseHash, diff: diffForDisplay(baseText, doc.text) };
      if (text !== undefined) result.mine = diffForDisplay(text, doc.text);
      return result;
    },
    'claims.list': async ({ articleId, offset, limit }) => {
      await ctx.session().syncFromDisk();
      const list = await store().list(articleId);
      if (limit === undefined) return list;
      const from = offset ?? 0;
      return { ...list, claims: list.claims.slice(from, from + limit), page: { offset: from, total: list.claims.length } };
    },
    'claims.detect': async ({ articleId }) => store().detect(articleId),
    'claims.detectStatements': async ({ articleId }) => store().detectStatementsOf(articleId),
    'claims.add': async ({ articleId, start, end, baseHash, ...fields }) => store().add(articleId, { start, end, ...(baseHash ? { baseHash } : {}), ...fields }),
    'claims.addDetected': async ({ articleId, start, end, kinds }) =>
      store().addDetected(articleId, start !== undefined && end !== undefined ? { start, end } : undefined, kinds ? { kinds } : {}),
    'board.query': async (q) => ctx.session().board.query(q, ctx.session().author),
    'board.select': async (f) => ctx.session().board.select(f, ctx.session().author),
    'board.filters': async () => ctx.session().board.filters(),
    'board.assignees': async () => ctx.session().dashboard.assignees(),
    'board.saveFilter': async ({ name, filter }) => ctx.session().board.saveFilter(name, filter),
    'board.removeFilter': async ({ id }) => {
      await ctx.session().board.removeFilter(id);
      return null;
    },
    'claims.bulk': async ({ targets, addSource, ...change }) => {
      if (!ctx.team?.()?.role) await assertMayGiveStatus(change.status);
      const summary = [change.status && `status → ${change.status}`, change.assignee !== undefined && `assignee → ${change.assignee ?? '—'}`, change.verdictNote !== undefined && 'verdict note', addSource && `source ${addSource.title || addSource.url}`]
        .filter(Boolean)
        .join(', ');
      return ctx.session().bulk.apply(targets, { ...change, ...(addSource ? { addSource: { ...emptySource, ...addSource } } : {}) }, summary);
    },
    'claims.undoBulk': async ({ batchId }) => {
      // An undo that gives verdicts back is a verdict too.
      if (!ctx.team?.()?.role) for (const status of await ctx.session().bulk.restoredStatuses(batchId)) await assertMayGiveStatus(status);
      return ctx.session().bulk.undo(batchId);
    },
    'claims.update': async ({ articleId, claimId, ...patch }) => store().update(articleId, claimId, patch),
    'claims.delete': async ({ articleId, claimId }) => store().remove(articleId, claimId),
    'claims.restore': async ({ articleId, claimId }) => store().restore(articleId, claimId),
    'claims.setStatus': async ({ articleId, claimId, status, verdictNote }) => {
      // In a team workspace the team's role decides (checked by the team layer); here, the profile's.
      if (!ctx.team?.()?.role) await assertMayGiveStatus(status);
      return store().setStatus(articleId, claimId, status, verdictNote);
    },
    'claims.addSource': async ({ articleId, claimId, source }) =>
      store().addSource(articleId, claimId, { ...emptySource, ...source }),
    'claims.updateSource': async ({ articleId, claimId, sourceId, source }) => store().updateSource(articleId, claimId, sourceId, source),
    'claims.removeSource': async ({ articleId, claimId, sourceId }) => store().removeSource(articleId, claimId, sourceId),
    'evidence.attachUrl': async ({ articleId, claimId, url, ...fields }) => {
      // An unknown claim is refused before anything is fetched or kept.
      await store().claim(articleId, claimId);
      const { ref, title } = await ctx.session().evidence.keepUrl(url);
      return store().addSource(articleId, claimId, {
        ...emptySource,
        ...fields,
        title: fields.title?.trim() || title || url,
        url,
        accessed: ref.accessedAt.slice(0, 10),
        evidence: ref,
      });
    },
    'evidence.attachFile': async ({ articleId, claimId, name, data, ...fields }) => {
      await store().claim(articleId, claimId);
      const ref = await ctx.session().evidence.keepFile(name, Buffer.from(data, 'base64'));
      return store().addSource(articleId, claimId, { ...emptySource, ...fields, title: fields.title?.trim() || ref.name, accessed: ref.accessedAt.slice(0, 10), evidence: ref });
    },
    'evidence.info': async ({ hash }) => ctx.session().evidence.info(hash),
    'claims.addComment': async ({ articleId, claimId, text }) => store().addComment(articleId, claimId, text),
    'claims.editComment': async ({ articleId, claimId, commentId, text }) => store().editComment(articleId, claimId, commentId, text),
    'claims.removeComment': async ({ articleId, claimId, commentId }) => store().removeComment(articleId, claimId, commentId),
    'claims.reattach': async ({ articleId, claimId, start, end, baseHash }) => store().reattachTo(articleId, claimId, { start, end, ...(baseHash ? { baseHash } : {}) }),
    'claims.reattachCandidates': async ({ articleId, claimId }) => store().reattachCandidates(articleId, claimId),
    'relations.add': async ({ articleId, expression, claimIds }) => store().addRelation(articleId, expression, claimIds),
    'relations.remove': async ({ articleId, relationId }) => store().removeRelation(articleId, relationId),
    'revisions.list': async ({ articleId }) => {
      ws().record(articleId);
      await ctx.session().syncFromDisk();
      return ctx.session().revisions.list(articleId);
    },
    'revisions.text': async ({ articleId, revision }) => {
      ws().record(articleId);
      const revisions = ctx.session().revisions;
      return { revision: await revisions.info(articleId, revision), text: await revisions.text(articleId, revision) };
    },
    'revisions.diff': async ({ articleId, from, to }) => {
      ws().record(articleId);
      const revisions = ctx.session().revisions;
      return diffForDisplay(await revisions.text(articleId, from), await revisions.text(articleId, to));
    },
    'revisions.restore': async ({ articleId, revision, baseHash, label }) => {
      const session = ctx.session();
      // The text on disk now is recorded first (restore takes it in), so restoring never loses it.
      await session.syncFromDisk();
      return session.restore(articleId, await session.revisions.text(articleId, revision), revision, baseHash, label);
    },
    'drafts.get': async ({ articleId }) => {
      ws().record(articleId);
      return ctx.session().drafts.get(articleId);
    },
    'drafts.put': async ({ articleId, text, baseHash }) => {
      // An error names the article whose unsaved edits could not be kept, not the draft file.
      return ctx.session().drafts.put(articleId, text, baseHash, ws().record(articleId).path);
    },
    'drafts.discard': async ({ articleId }) => {
      ws().record(articleId);
      await ctx.session().drafts.discard(articleId);
      return null;
    },
    'workspace.dashboard': async ({ offsetMinutes }) => ctx.session().dashboard.summary(offsetMinutes ?? 0),
    'articles.statusCounts': async ({ ids }) => ctx.session().dashboard.statusCounts(ids),
    'revisions.changes': async ({ articleId }) => {
      ws().record(articleId);
      return ctx.session().revisions.changes(articleId);
    },
    // Answered by withTeam.
    'team.status': notInHost,
    'team.connect': notInHost,
    'team.disconnect': notInHost,
    'team.reconnect': notInHost,
    'team.review': notInHost,
    'team.textState': notInHost,
    'team.textPush': notInHost,
    'suggestions.list': async ({ articleId }) => {
      await ctx.session().syncFromDisk();
      return store().suggestionList(articleId);
    },
    'suggestions.add': async ({ articleId, ...input }) => store().addSuggestion(articleId, input),
    'suggestions.accept': async ({ articleId, ids }) => {
      // Accepting edits the text: in a team workspace the team's role must allow that too (as for a save).
      const team = ctx.team?.();
      if (team?.role) team.check('text.edit');
      return acceptSuggestions(ctx.session(), articleId, ids, () => assertProfileMay('suggestion.resolve'));
    },
    'suggestions.reject': async ({ articleId, ids }) => rejectSuggestions(ctx.session(), articleId, ids, () => assertProfileMay('suggestion.resolve')),
  };
}

async function notInHost(): Promise<never> {
  throw new FactDeskError('team-not-linked', 'no team client in this host', {});
}
