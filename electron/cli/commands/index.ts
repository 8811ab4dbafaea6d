// The CLI's commands, in `--help` order. Add a command by adding a line here.
// Each command's module is loaded only when that command runs (a separate
// chunk of the built CLI), so `factdesk claims FILE` never parses the team
// server, the publisher or the browser host, nor the libraries they use.
import type { CliCommand } from '../command.js';

export interface CliCommandEntry {
  name: string;
  /** One line for `factdesk --help`. */
  summary: string;
  /** The command itself: its module, imported on first use. */
  load: () => Promise<CliCommand>;
}

export const commands: CliCommandEntry[] = [
  { name: 'serve', summary: 'Run FactDesk in browser mode on 127.0.0.1 (the sample workspace if none is given)', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'list', summary: 'List the articles of a workspace', load: async () => (await import('./list.js')).listCommand },
  { name: 'claims', summary: 'List the checkable figures in an article file', load: async () => (await import('./claims.js')).claimsCommand },
  { name: 'statements', summary: 'List the checkable statements (awards, rankings, firsts, quotes…) in an article file', load: async () => (await import('./statements.js')).statementsCommand },
  { name: 'claim', summary: 'Change one stored claim (set-status)', load: async () => (await import('./claim.js')).claimCommand },
  { name: 'revisions', summary: 'List the revisions of an article in a workspace', load: async () => (await import('./revisions.js')).revisionsCommand },
  { name: 'diff', summary: 'Show what changed between two revisions of an article', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'check', summary: 'Cross-check the figures of an article file (conversions, growth, parts, shares)', load: async () => (await import('./check.js')).checkCommand },
  { name: 'export', summary: 'Export an article (publication copy, report, ClaimReview, Web Annotation)', load: async () => (await import('./export.js')).exportCommand },
  { name: 'import', summary: 'Add the claims of a W3C Web Annotation file to an article', load: async () => (await import('./export.js')).importCommand },
  { name: 'join', summary: 'Link a workspace folder to a team server and sync it once', load: async () => (await import('./join.js')).joinCommand },
  { name: 'team-server', summary: 'Run a team server, or add / remove its members', load: async () => (await import('./team-server.js')).teamServerCommand },
];
