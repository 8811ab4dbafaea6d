/** `factdesk diff WORKSPACE ARTICLE REV_A REV_B [--json]`: what changed between two revisions. */
import { parseArgs } from 'node:util';
import { FactDeskError } from '../../../shared/errors.js';
import { diffForDisplay, type DisplayDiff } from '../../../shared/revisions/index.js';
import type { CliCommand } from '../command.js';
import { withWorkspace } from '../workspace-session.js';

const usage = `Usage: factdesk diff WORKSPACE ARTICLE REV_A REV_B [--json]

Shows what changed in ARTICLE (its id, or its path inside WORKSPACE) from
revision REV_A to revision REV_B (numbers as \`factdesk revisions\` lists them):
each changed paragraph with [-removed-] and {+added+} words; a figure such as
305.7亿元 is one word. Paragraphs moved unchanged are marked as moved.

  --json   print the display diff: {paragraphs: [{kind, oldIndex, newIndex,
           oldText, newText, parts: [{kind, text, figure?}]}], stats,
           granularity, fellBack}`;

/** The changed paragraphs as text, inline markers around removed and added words. */
export function formatDiff(diff: DisplayDiff): string {
  const out: string[] = [];
  for (const p of diff.paragraphs) {
    if (p.kind === 'same') continue;
    const where = p.kind === 'added' ? `+¶${p.newIndex! + 1}` : p.kind === 'removed' ? `-¶${p.oldIndex! + 1}` : `¶${p.oldIndex! + 1}→¶${p.newIndex! + 1}`;
    const moved = p.movedTo !== undefined ? ` (moved to ¶${p.movedTo + 1})` : p.movedFrom !== undefined ? ` (moved from ¶${p.movedFrom + 1})` : '';
    const body = p.parts.map((part) => (part.kind === 'same' ? part.text : part.kind === 'removed' ? `[-${part.text}-]` : `{+${part.text}+}`)).join('');
    out.push(`${where}${moved}: ${body}`);
  }
  const s = diff.stats;
  out.push(
    `${s.changedParagraphs} changed, ${s.addedParagraphs} added, ${s.removedParagraphs} removed paragraph(s); ` +
      `${s.removedFigures} figure(s) removed, ${s.addedFigures} added` +
      (diff.fellBack ? ' (too large to compare word by word in time: whole paragraphs shown)' : ''),
  );
  return out.join('\n');
}

function revisionNumber(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new FactDeskError('revision-not-found', `No revision ${s}`, { rev: s });
  return n;
}

export const diffCommand: CliCommand = {
  name: 'diff',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    const [workspace, article, a, b, ...extra] = positionals;
    if (!workspace || !article || !a || !b || extra.length) {
      io.err(usage);
      return 2;
    }
    const from = revisionNumber(a);
    const to = revisionNumber(b);
    return withWorkspace(workspace, 'read', io, async (session) => {
      const id = session.workspace.resolveArticle(article);
      const diff = diffForDisplay(await session.revisions.text(id, from), await session.revisions.text(id, to));
      io.out(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
      return 0;
    });
  },
};
