/**
 * The implementation of every contract method over the current session.
 * Hosts never call services directly: they bind `createDispatcher(handlers)`.
 */
import type { HostKind } from '../../shared/model.js';
import type { Handlers } from './dispatcher.js';
import type { Session } from './session.js';
import { appVersion } from './sample-workspace.js';

export interface HandlerContext {
  host: HostKind;
  /** The session of the workspace open right now (it can change: File › Open Workspace…). */
  session: () => Session;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const ws = () => ctx.session().workspace;
  const version = appVersion();
  return {
    'app.info': async () => ({ version, host: ctx.host }),
    'workspace.info': async () => ws().info(),
    'articles.list': async () => {
      await ctx.session().syncFromDisk();
      return ws().summaries();
    },
    'articles.read': async ({ id }) => {
      // Outside edits are taken in (revision, re-anchoring) before the text is shown.
      await ctx.session().syncFromDisk();
      return ws().readCurrent(id);
    },
    'articles.write': async ({ id, text, baseHash, overwrite, label }) => {
      const session = ctx.session();
      const { doc } = await ws().write(id, text, baseHash, overwrite);
      await session.notifyTextChange({ id, doc, source: 'save', ...(label ? { label } : {}) });
      return doc;
    },
    'articles.create': async ({ name, text }) => {
      const id = await ws().create(name, text ?? '');
      ctx.session().bus.emit('articles.changed', {});
      return ws().summary(id);
    },
    'articles.rename': async ({ id, name }) => {
      await ws().rename(id, name);
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
  };
}
