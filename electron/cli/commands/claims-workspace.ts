/**
 * `factdesk claims list WORKSPACE ARTICLE [--json]` and
 * `factdesk claims add-detected WORKSPACE ARTICLE [--json]`: the claims
 * stored for an article of a workspace. Dispatched from the `claims`
 * command (claims.ts) when its first argument names one of these.
 */
import { parseArgs } from 'node:util';
import type { Claim, ClaimList } from '../../../shared/annotations.js';
import { claimKinds, type ClaimKind } from '../../../shared/claims/index.js';
import type { CliIo } from '../command.js';
import { withWorkspace } from '../workspace-session.js';
import { displayWidth, pad } from '../text-width.js';
import { addUsage, listUsage } from './claims-workspace-usage.js';

/** Where a claim stands relative to the text, for listing. */
type ClaimState = 'attached' | 'orphan' | 'ambiguous' | 'deleted';

function stateOf(c: Claim): ClaimState {
  return c.deleted ? 'deleted' : (c.detached?.reason ?? 'attached');
}

/** The fields scripts rely on, flat. */
function claimRow(c: Claim) {
  return {
    id: c.id,
    quote: c.anchor.quote,
    start: c.anchor.start,
    end: c.anchor.end,
    kind: c.kind,
    value: c.value,
    unit: c.unit,
    status: c.status,
    state: stateOf(c),
    ...(c.verdictNote ? { verdictNote: c.verdictNote } : {}),
    ...(c.assignee ? { assignee: c.assignee } : {}),
    ...(c.recheck ? { recheck: { oldQuote: c.recheck.oldQuote, newQuote: c.recheck.newQuote } } : {}),
  };
}

/** Columns padded for a terminal (CJK characters take two columns). */
export function formatClaimRows(claims: readonly Claim[]): string {
  if (claims.length === 0) return 'No claims.';
  const header = ['id', 'status', 'state', 'kind', 'value', 'unit', 'span', 'quote'];
  const rows = claims.map((c) => [
    c.id,
    c.status,
    stateOf(c),
    c.kind,
    c.value === null ? '—' : String(c.value),
    c.unit ?? '—',
    `${c.anchor.start}-${c.anchor.end}`,
    c.anchor.quote.replace(/\s/g, ' ') + (c.recheck ? `  (was ${c.recheck.oldQuote})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function parse(argv: string[], usage: string, io: CliIo): { workspace: string; article: string; json: boolean; kinds?: ClaimKind[] } | null {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { json: { type: 'boolean' }, kinds: { type: 'string' } }, allowPositionals: true });
  } catch (e) {
    io.err(`factdesk claims: ${(e as Error).message}\n\n${usage}`);
    return null;
  }
  const [workspace, article, ...rest] = parsed.positionals;
  if (!workspace || !article || rest.length) {
    io.err(usage);
    return null;
  }
  const kinds = parsed.values.kinds?.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds?.filter((k) => !(claimKinds as readonly string[]).includes(k)) ?? [];
  if (unknown.length) {
    io.err(`factdesk claims: unknown kind ${unknown.join(', ')} (kinds: ${claimKinds.join(', ')})\n\n${usage}`);
    return null;
  }
  return { workspace, article, json: !!parsed.values.json, ...(kinds ? { kinds: kinds as ClaimKind[] } : {}) };
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv, listUsage, io);
  if (!args) return 2;
  return withWorkspace(args.workspace, 'read', io, async (session) => {
    const id = session.workspace.resolveArticle(args.article);
    const result: ClaimList = await session.annotations.list(id);
    const all = [...result.claims, ...result.detached, ...result.deleted];
    const { path } = session.workspace.record(id);
    if (args.json) {
      io.out(JSON.stringify({ article: { id, path, workflow: result.workflow }, revision: result.revision, claims: all.map(claimRow) }, null, 2));
    } else {
      io.out(`${path} (${id}) — revision ${result.revision}, ${result.workflow}`);
      io.out(formatClaimRows(all));
    }
    return 0;
  });
}

async function addDetected(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv, addUsage, io);
  if (!args) return 2;
  return withWorkspace(args.workspace, 'write', io, async (session) => {
    const id = session.workspace.resolveArticle(args.article);
    const { added, skipped } = await session.annotations.addDetected(id, undefined, args.kinds ? { kinds: args.kinds } : {});
    if (args.json) io.out(JSON.stringify({ added: added.map(claimRow), skipped }, null, 2));
    else {
      io.out(`Added ${added.length} claim${added.length === 1 ? '' : 's'}; ${skipped} figure${skipped === 1 ? ' was' : 's were'} already annotated.`);
      if (added.length) io.out(formatClaimRows(added));
    }
    return 0;
  });
}

/** Subcommands of `factdesk claims` that work on a workspace. */
export const workspaceClaimSubcommands: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  list,
  'add-detected': addDetected,
};

export { claimRow };
