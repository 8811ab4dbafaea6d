import { parseArgs } from 'node:util';
import { startBrowserMode } from '../../server/browser-mode.js';
import type { CliCommand } from '../command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: `Usage: factdesk serve [WORKSPACE] [--port N] [--open]

Serves the FactDesk app and its API on 127.0.0.1 only, with a random token per
run; the printed URL carries the token. Without WORKSPACE, opens the sample
workspace in your FactDesk data folder (created on first run).

  --port N   listen on port N (default: a free port)
  --open     open the URL in the system browser`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, open: { type: 'boolean' } },
      allowPositionals: true,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`factdesk serve: --port must be a number from 0 to 65535`);
      return 2;
    }
    const mode = await startBrowserMode({ workspace: positionals[0], port });
    const ws = mode.session.workspace.info();
    io.out(`FactDesk browser mode — workspace ${ws.root}${ws.readOnly ? ' (read-only: ' + (ws.readOnlyReason ?? '') + ')' : ''}`);
    io.out(`Open: ${mode.host.url}`);
    if (values.open) await openInBrowser(mode.host.url, io);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await mode.close();
    return 0;
  },
};

async function openInBrowser(url: string, io: { err: (s: string) => void }): Promise<void> {
  const { spawn } = await import('node:child_process');
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => io.err(`(no system browser found: open the URL above yourself)`));
    child.unref();
  } catch {
    io.err(`(no system browser found: open the URL above yourself)`);
  }
}
