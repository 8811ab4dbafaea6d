/**
 * The names of every contract method and event, without their schemas, so
 * the sandboxed preload can expose one function per method without bundling
 * zod. `shared/contract.ts` checks at compile time that the lists match.
 */
export const methodNames = [
  'app.info',
  'profile.get',
  'profile.set',
  'workspace.info',
  'workspace.notices',
  'workspace.dismissNotice',
  'articles.list',
  'articles.read',
  'articles.write',
  'articles.create',
  'articles.rename',
  'articles.delete',
  'trash.list',
  'trash.restore',
  'articles.setWorkflow',
  'articles.setPublicationUrl',
  'workspace.settings',
  'workspace.setSettings',
  'export.state',
  'export.article',
  'export.workspaceReport',
  'export.cancel',
  'export.import',
  'articles.audit',
  'articles.compareDisk',
  'claims.list',
  'claims.detect',
  'claims.detectStatements',
  'claims.add',
  'claims.addDetected',
  'claims.update',
  'board.query',
  'board.select',
  'board.filters',
  'board.saveFilter',
  'board.removeFilter',
  'claims.bulk',
  'claims.undoBulk',
  'claims.delete',
  'claims.restore',
  'claims.setStatus',
  'claims.addSource',
  'claims.updateSource',
  'claims.removeSource',
  'evidence.attachUrl',
  'evidence.attachFile',
  'evidence.info',
  'claims.addComment',
  'claims.editComment',
  'claims.removeComment',
  'claims.reattach',
  'claims.reattachCandidates',
  'relations.add',
  'relations.remove',
  'revisions.list',
  'revisions.text',
  'revisions.diff',
  'revisions.restore',
  'drafts.get',
  'drafts.put',
  'drafts.discard',
  'team.status',
  'team.connect',
  'team.disconnect',
  'team.reconnect',
  'team.review',
  'team.textState',
  'team.textPush',
] as const;

export type MethodName = (typeof methodNames)[number];

export const eventNames = ['articles.changed', 'article.changedOnDisk', 'workspace.changed', 'claims.changed', 'revisions.changed', 'store.recovered', 'ui.command', 'export.progress', 'bulk.progress', 'workspace.notice', 'article.saved', 'team.status', 'team.text'] as const;

export type EventName = (typeof eventNames)[number];

/** IPC channel of a method or event in the Electron binding. */
export const ipcChannel = (name: MethodName | EventName): string => `factdesk:${name}`;
