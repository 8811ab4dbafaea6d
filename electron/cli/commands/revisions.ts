/** `factdesk revisions WORKSPACE ARTICLE [--json]`: the saved versions of an article. */
import { parseArgs } from 'node:util';
import type { RevisionInfo } from '../../../shared/annotations.js';
import type { CliCommand } from '../command.js';
import { displayWidth, pad } from '../text-width.js';
import { withWorkspace } from '../workspace-session.js';

const usage = `Usage: factdesk revisions WORKSPACE ARTICLE [--json]

Lists the revisions of ARTICLE (its id, or its path inside WORKSPACE), oldest
first: number, time, author, why it was recorded (first-seen, save, external,
restore), label and length. Opening the workspace records an edit made outside
FactDesk as a new revision.

  --json   print {"article": {...}, "revisions": [{n, at, author, source, ...}]}`;

function formatRevisions(revisions: readonly RevisionInfo[]): string {
  if (revisions.length === 0) return 'No revisions.';
  const header = ['rev', 'at', 'author', 'source', 'length', 'label'];
  const rows = revisions.map((r) => [
    String(r.n),
    r.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    r.author ?? '—',
    r.source + (r.restoredFrom ? ` (of ${r.restoredFrom})` : ''),
    String(r.length),
    r.label ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => displayWidth(row[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const revisionsCommand: CliCommand = {
  name: 'revisions',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    const [workspace, article, ...extra] = positionals;
    if (!workspace || !article || extra.length) {
      io.err(usage);
      return 2;
    }
    return withWorkspace(workspace, 'read', io, async (session) => {
      const id = session.workspace.resolveArticle(article);
      const revisions = await session.revisions.list(id);
      const { path } = session.workspace.record(id);
      if (values.json) io.out(JSON.stringify({ article: { id, path }, revisions }, null, 2));
      else io.out(`${path} (${id})\n${formatRevisions(revisions)}`);
      return 0;
    });
  },
};
