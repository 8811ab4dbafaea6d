import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ensureSampleWorkspace } from '../../services/sample-workspace.js';
import { Session } from '../../services/session.js';
import type { CliCommand } from '../command.js';

export const listCommand: CliCommand = {
  name: 'list',
  usage: `Usage: factdesk list [WORKSPACE] [--json]

Lists the articles (.md, .txt, .html) in WORKSPACE (default: the sample
workspace) with their ids, titles and workflow status.

  --json   print {"workspace": {...}, "articles": [...]} as JSON`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    const root = positionals[0] ? resolve(positionals[0]) : await ensureSampleWorkspace();
    const session = await Session.open(root, { readOnly: true });
    try {
      const articles = session.workspace.summaries();
      if (values.json) {
        io.out(JSON.stringify({ workspace: session.workspace.info(), articles }, null, 2));
        return 0;
      }
      io.out(`${session.workspace.root} — ${articles.length} article(s)`);
      for (const a of articles) {
        io.out(`${a.id}  ${a.workflow.padEnd(9)}  ${a.missing ? '[missing] ' : ''}${a.path}  — ${a.title}`);
      }
      return 0;
    } finally {
      await session.close();
    }
  },
};
