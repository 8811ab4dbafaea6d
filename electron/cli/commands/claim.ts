/** `factdesk claim set-status WORKSPACE CLAIM STATUS [--note TEXT]`: gives a stored claim its verdict. */
import { parseArgs } from 'node:util';
import { claimStatuses, type ClaimStatus } from '../../../shared/annotations.js';
import { FactDeskError } from '../../../shared/errors.js';
import type { CliCommand } from '../command.js';
import { withWorkspace } from '../workspace-session.js';
import { claimRow, formatClaimRows } from './claims-workspace.js';

const usage = `Usage: factdesk claim set-status WORKSPACE CLAIM STATUS [--note TEXT] [--json]

Sets the status of claim CLAIM (its id, as \`factdesk claims list\` shows it)
in WORKSPACE, with an optional verdict note. The change is recorded in the
article's audit log under your user name (or $FACTDESK_AUTHOR). Needs the
workspace's writer lock: close FactDesk on this workspace first.

STATUS is one of: ${claimStatuses.join(', ')}

  --note TEXT   the verdict note (why the claim is verified, disputed, …)
  --json        print the claim as JSON`;

export const claimCommand: CliCommand = {
  name: 'claim',
  usage,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'set-status') {
      io.err(usage);
      return 2;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { note: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
    } catch (e) {
      io.err(`factdesk claim: ${(e as Error).message}\n\n${usage}`);
      return 2;
    }
    const [workspace, claimId, status, ...extra] = parsed.positionals;
    if (!workspace || !claimId || !status || extra.length) {
      io.err(usage);
      return 2;
    }
    if (!(claimStatuses as readonly string[]).includes(status)) {
      throw new FactDeskError('invalid-input', `unknown status ${status}`, { detail: `"${status}" is not a status; use one of ${claimStatuses.join(', ')}` });
    }
    return withWorkspace(workspace, 'write', io, async (session) => {
      const articleId = await session.annotations.findClaim(claimId);
      const claim = await session.annotations.setStatus(articleId, claimId, status as ClaimStatus, parsed.values.note);
      io.out(parsed.values.json ? JSON.stringify({ articleId, claim: claimRow(claim) }, null, 2) : formatClaimRows([claim]));
      return 0;
    });
  },
};
