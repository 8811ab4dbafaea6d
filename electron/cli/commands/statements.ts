/**
 * `factdesk statements FILE [--json]`: lists the checkable statements that
 * are more than figures (awards, rankings, firsts, endorsements, events,
 * comparisons, causes, attributions, quotations) in an article file.
 */
import { detectStatements, type DetectedStatement } from '../../../shared/statements/index.js';
import { readArticleFile } from '../article-file.js';
import type { CliCommand } from '../command.js';
import { reportError } from '../errors.js';
import { tableLines } from '../text-width.js';

const usage = `Usage: factdesk statements FILE [--json]

Lists the checkable statements that are not just figures in an article file
(UTF-8, UTF-16 or GB18030): quote, award, ranking, first, endorsement, event,
comparison, causal, attribution.

Options:
  --json   print {"statements":[{start,end,text,category}]}; offsets are UTF-16
           code units of the file's text (BOM removed, CRLF kept as two characters)`;

function formatTable(statements: DetectedStatement[]): string {
  if (statements.length === 0) return 'No statements found.';
  const rows = statements.map((s) => [`${s.start}-${s.end}`, s.category, s.text.replace(/\s/g, ' ')]);
  const header = ['span', 'category', 'text'];
  return [...tableLines(header, rows), '', `${statements.length} statement${statements.length === 1 ? '' : 's'}`].join('\n');
}

export const statementsCommand: CliCommand = {
  name: 'statements',
  usage,
  async run(argv, io) {
    let json = false;
    const files: string[] = [];
    for (const a of argv) {
      if (a === '--json') json = true;
      else if (a.startsWith('-') && a !== '-') {
        io.err(`factdesk statements: unknown option ${a}\n\n${usage}`);
        return 2;
      } else files.push(a);
    }
    if (files.length !== 1) {
      io.err(usage);
      return 2;
    }
    try {
      const statements = detectStatements(await readArticleFile(files[0]!));
      io.out(json ? JSON.stringify({ statements }) : formatTable(statements));
      return 0;
    } catch (e) {
      return reportError(io, e);
    }
  },
};
