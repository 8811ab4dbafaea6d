import { parseArgs } from 'node:util';
import { TeamClient } from '../../services/team/team-client.js';
import type { CliCommand } from '../command.js';
import { withWorkspace } from '../workspace-session.js';

export const joinCommand: CliCommand = {
  name: 'join',
  usage: `Usage: factdesk join WORKSPACE URL --token TOKEN [--wait SECONDS]

Links WORKSPACE to the team at URL (ws://… or wss://…) with the join token the
team administrator gave you (factdesk team-server add-member), brings the
team's articles into the folder and sends this folder's articles up (editors),
then exits. The app keeps the folder in step from then on.

  --wait SECONDS  how long to wait for the first sync (default 30)`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { token: { type: 'string' }, wait: { type: 'string' } }, allowPositionals: true });
    const [workspace, url] = positionals;
    const wait = values.wait === undefined ? 30 : Number(values.wait);
    if (!workspace || !url || !values.token || !Number.isFinite(wait) || wait <= 0) {
      io.err(this.usage);
      return 2;
    }
    return withWorkspace(workspace, 'write', io, async (session) => {
      const team = await TeamClient.attach(session);
      try {
        const status = await team.connect(url, values.token!, wait * 1000);
        const synced = await team.settled(wait * 1000);
        const s = team.status();
        io.out(`Joined ${url} as ${status.member?.name} (${status.member?.role}); ${session.workspace.ids().length} articles in the folder.`);
        if (!synced) io.err(`factdesk: not everything is synced yet (${s.waiting} changes waiting); the app will finish when it runs.`);
        return 0;
      } finally {
        await team.close();
      }
    });
  },
};
