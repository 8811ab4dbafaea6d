// The CLI's commands, in `--help` order. Add a command by adding its module here.
import type { CliCommand } from '../command.js';

export const commands: CliCommand[] = [];
