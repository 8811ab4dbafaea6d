/**
 * The Yjs documents of a team workspace and their names on the server.
 *
 * - `index`: Y.Map `articles` — team article id → {@link TeamArticleEntry}.
 * - `text/<id>`: Y.Text `text` — the article's text (editors write it).
 * - `review/<id>`: Y.Array `events` — the review events of the article
 *   (append-only; see `review.ts`).
 * - `audit`: the team's audit log as it was kept before it became a table on
 *   the server (served a page at a time); a server moves its entries into the
 *   table on start. Clients no longer open it.
 *
 * Text and review live in separate documents so the server can tell who may
 * change what from the document alone: a fact-checker's change to a text
 * document is refused whole, and a review document holds nothing but events.
 */
export const indexDocName = 'index';
export const auditDocName = 'audit';

/** Team article ids look like workspace article ids (opaque, never paths). */
export const teamArticleIdPattern = /^[a-z0-9]{6,40}$/;

export type TeamDocKind = 'index' | 'audit' | 'text' | 'review';

export const textDocName = (id: string): string => `text/${id}`;
export const reviewDocName = (id: string): string => `review/${id}`;

/** The kind (and article) of a document name, or null for a name the team does not use. */
export function parseDocName(name: string): { kind: TeamDocKind; articleId?: string } | null {
  if (name === indexDocName) return { kind: 'index' };
  if (name === auditDocName) return { kind: 'audit' };
  const m = /^(text|review)\/([a-z0-9]{6,40})$/.exec(name);
  if (!m) return null;
  return { kind: m[1] as 'text' | 'review', articleId: m[2]! };
}

/** What the team index holds for each article. */
export interface TeamArticleEntry {
  /** Workspace-relative path (validated like a local name on the server and on every client). */
  name: string;
  by: string;
  at: string;
}

/** One line of the team's audit log, stamped by the server. */
export interface TeamAuditEntry {
  /** Server time. */
  at: string;
  by: string;
  articleId: string;
  /** The review event's kind, or `text` / `article.create`. */
  action: string;
  claimId?: string;
  /** The source, comment or relation an entry is about. */
  itemId?: string;
  field?: string;
  before?: string | number | boolean | null;
  after?: string | number | boolean | null;
}
