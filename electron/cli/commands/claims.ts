/**
 * `factdesk claims FILE [--json] [--currency ISO]`: lists the checkable
 * figures the claim engine finds in an article file.
 *
 * `claims list …` and `claims add-detected …` are reserved for workspace
 * subcommands: a first argument found in `subcommands` is dispatched there.
 */
import { detectClaims, type DetectedClaim } from '../../../shared/claims/index.js';
import { FactDeskError } from '../../../shared/errors.js';
import { readArticleFile } from '../article-file.js';
import type { CliCommand, CliIo } from '../command.js';
import { reportError } from '../errors.js';
import { tableLines } from '../text-width.js';
import { workspaceClaimUsage } from './claims-workspace-usage.js';

type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Workspace subcommands (`claims list`, `claims add-detected`) plug in here,
 * loaded only when named: listing a file's figures needs no workspace.
 */
const workspaceSubcommands = ['list', 'add-detected'];
async function subcommand(name: string | undefined): Promise<Subcommand | undefined> {
  if (name === undefined || !workspaceSubcommands.includes(name)) return undefined;
  return (await import('./claims-workspace.js')).workspaceClaimSubcommands[name];
}

const usage = `Usage: factdesk claims FILE [--json] [--currency ISO]

Lists the checkable figures (amounts, percentages, counts, quantities, dates,
ranks, ratios) in an article file (UTF-8, UTF-16 or GB18030).

Options:
  --json            print {"claims":[{text,start,end,kind,value,unit,...}]};
                    offsets are UTF-16 code units of the file's text (BOM
                    removed, CRLF kept as two characters)
  --currency ISO    what a bare $ means (e.g. AUD); default: inferred from the
                    text (an article about Australia means AUD), else USD`;

function formatTable(claims: DetectedClaim[]): string {
  if (claims.length === 0) return 'No claims found.';
  const header = ['span', 'kind', 'value', 'unit', 'text', 'notes'];
  const rows = claims.map((c) => [
    `${c.start}-${c.end}`,
    c.kind,
    c.value === null ? '—' : String(c.value),
    c.unit ?? '—',
    c.text.replace(/\s/g, ' '),
    [c.approx, c.direction, c.basePeriod].filter(Boolean).join(' '),
  ]);
  return [...tableLines(header, rows), '', `${claims.length} claim${claims.length === 1 ? '' : 's'}`].join('\n');
}

export const claimsCommand: CliCommand = {
  name: 'claims',
  usage: `${usage}\n\n${workspaceClaimUsage}`,
  async run(argv, io) {
    const sub = await subcommand(argv[0]);
    if (sub) return sub(argv.slice(1), io);
    let json = false;
    let currency: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--json') json = true;
      else if (a === '--currency') currency = argv[++i] ?? '';
      else if (a.startsWith('--currency=')) currency = a.slice('--currency='.length);
      else if (a.startsWith('-') && a !== '-') {
        io.err(`factdesk claims: unknown option ${a}\n\n${usage}`);
        return 2;
      } else files.push(a);
    }
    if (files.length !== 1) {
      io.err(usage);
      return 2;
    }
    try {
      if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) {
        throw new FactDeskError('invalid-input', `--currency takes an ISO 4217 code`, { detail: `--currency takes a three-letter ISO 4217 code such as USD or AUD, not "${currency}"` });
      }
      const text = await readArticleFile(files[0]!);
      const claims = detectClaims(text, currency ? { dollarCurrency: currency.toUpperCase() } : {});
      io.out(json ? JSON.stringify({ claims }) : formatTable(claims));
      return 0;
    } catch (e) {
      return reportError(io, e);
    }
  },
};
