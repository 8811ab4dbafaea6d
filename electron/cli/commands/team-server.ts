import { parseArgs } from 'node:util';
import { FactDeskError } from '../../../shared/errors.js';
import { isTeamRole, teamRoles } from '../../../shared/team/roles.js';
import { MemberBook } from '../../team-server/members.js';
import { startTeamServer } from '../../team-server/server.js';
import type { CliCommand } from '../command.js';
import { userPath } from '../workspace-session.js';

const usage = `Usage:
  factdesk team-server --data DIR [--port N] [--host H] [--redis URL]
  factdesk team-server add-member DIR NAME --role editor|fact-checker
  factdesk team-server remove-member DIR NAME
  factdesk team-server members DIR

Runs the team server (Hocuspocus; documents in DIR/team.sqlite, members in
DIR/members.json). It listens on 127.0.0.1:1234 unless told otherwise; put it
behind a TLS reverse proxy (wss://) to serve it beyond this machine — see
docs/team.md. Give --redis redis://host:port to run several instances for one
team (they share DIR or at least the same Redis).

add-member prints the member's join token once: only its hash is kept.
remove-member cuts the member off at once, open connections included.`;

export const teamServerCommand: CliCommand = {
  name: 'team-server',
  usage,
  async run(argv, io) {
    const sub = argv[0];
    if (sub === 'add-member' || sub === 'remove-member' || sub === 'members') {
      const { values, positionals } = parseArgs({ args: argv.slice(1), options: { role: { type: 'string' } }, allowPositionals: true });
      const [dir, name] = positionals;
      if (!dir || (sub !== 'members' && !name)) {
        io.err(usage);
        return 2;
      }
      const book = new MemberBook(userPath(dir));
      if (sub === 'members') {
        for (const m of book.list()) io.out(`${m.name}\t${m.role}\t${m.removedAt ? `removed ${m.removedAt}` : `added ${m.addedAt}`}`);
        return 0;
      }
      if (sub === 'remove-member') {
        const m = await book.remove(name!);
        io.out(`Removed ${m.name}: their token no longer works and open connections are closed.`);
        return 0;
      }
      if (!isTeamRole(values.role)) {
        throw new FactDeskError('invalid-input', `--role must be ${teamRoles.join(' or ')}`, { detail: `--role must be ${teamRoles.join(' or ')}` });
      }
      const { member, token } = await book.add(name!, values.role);
      io.out(`Added ${member.name} (${member.role}). Join token — shown once, keep it secret:`);
      io.out(token);
      return 0;
    }
    const { values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, redis: { type: 'string' }, quiet: { type: 'boolean' } },
    });
    if (!values.data) {
      io.err(usage);
      return 2;
    }
    const port = values.port === undefined ? 1234 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err('factdesk team-server: --port must be a number from 0 to 65535');
      return 2;
    }
    // Hocuspocus rethrows a failed store from a debounced timer (a Redis lock not won in time, a database busy with
    // another instance): nothing is lost — every acknowledged update is in the log and the next store folds it —
    // so it is reported, and the server goes on serving instead of dying.
    process.on('unhandledRejection', (e) => io.err(`factdesk team-server: ${e instanceof Error ? e.message : String(e)} (will retry on the next store)`));
    const server = await startTeamServer({
      dataDir: userPath(values.data),
      port,
      ...(values.host ? { host: values.host } : {}),
      ...(values.redis ? { redis: values.redis } : {}),
      quiet: values.quiet ?? false,
    });
    // Tests and scripts read the port from this line.
    io.out(`FactDesk team server listening on ${server.url}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
