/** The CLI run in-process as `electron/cli/main.ts` runs it, its stdout and stderr captured. */
import { commands } from '../../electron/cli/commands/index.js';
import { reportError } from '../../electron/cli/errors.js';

export async function factdeskInProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const cmd = await commands.find((c) => c.name === argv[0])!.load();
  let code: number;
  try {
    code = await cmd.run(argv.slice(1), io);
  } catch (e) {
    code = await reportError(io, e);
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}
