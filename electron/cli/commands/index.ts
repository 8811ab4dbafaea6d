// The CLI's commands, in `--help` order. Add a command by adding its module here.
import type { CliCommand } from '../command.js';
import { checkCommand } from './check.js';
import { claimCommand } from './claim.js';
import { claimsCommand } from './claims.js';
import { diffCommand } from './diff.js';
import { exportCommand, importCommand } from './export.js';
import { joinCommand } from './join.js';
import { listCommand } from './list.js';
import { revisionsCommand } from './revisions.js';
import { serveCommand } from './serve.js';
import { statementsCommand } from './statements.js';
import { teamServerCommand } from './team-server.js';

export const commands: CliCommand[] = [serveCommand, listCommand, claimsCommand, statementsCommand, claimCommand, revisionsCommand, diffCommand, checkCommand, exportCommand, importCommand, joinCommand, teamServerCommand];
