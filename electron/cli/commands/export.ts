/**
 * `factdesk export WORKSPACE ARTICLE|--all --format F [--out FILE|DIR] …`
 * and `factdesk import WORKSPACE ARTICLE FILE.jsonld`: publishing from the
 * command line, through the same Publisher as the app.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FactDeskError, isFactDeskError } from '../../../shared/errors.js';
import { publicationGate } from '../../../shared/export/index.js';
import { pickLanguage } from '../../../shared/i18n/index.js';
import { exportFormats, publicationFormats, type ExportFormat, type ExportedFile } from '../../../shared/model.js';
import { Publisher } from '../../services/publisher.js';
import type { TeamClient } from '../../services/team/team-client.js';
import type { Session } from '../../services/session.js';
import type { CliCommand, CliIo } from '../command.js';
import { cliI18n } from '../i18n.js';
import { userPath, withWorkspace } from '../workspace-session.js';

/** Exit code when the publication gate refuses (the blocking claims are on stderr). */
export const gateRefusedExit = 3;

const usage = `Usage: factdesk export WORKSPACE ARTICLE|--all --format FORMAT [options]

Exports ARTICLE (its id, or its path inside WORKSPACE), or with --all every
article plus the workspace report.

Formats:
  md, html, txt, docx      the publication copy: passes the publication gate
                           (exit ${gateRefusedExit}, blocking claims on stderr, unless
                           --override-reason), is recorded (revision, time, file
                           hash) and moves the article to published
  docx-review              Word review copy: claims as comments, changes since
                           the last publication (or --since REV) as tracked changes
  report-html, report-pdf, csv, json
                           the fact-check report
  claimreview              schema.org ClaimReview JSON-LD
  web-annotation           W3C Web Annotation JSON-LD

Options:
  --out FILE|DIR           where to write (default: the current folder, under
                           the article's name); a folder with --all
  --with-citations         verified figures get footnotes listing their sources
  --claim-review           embed the ClaimReview JSON-LD in the HTML copy
  --override-reason TEXT   an editor's reason to publish past blocking claims
  --correction TEXT        the correction note (needed when a published
                           article changed since)
  --since REV              docx-review: show changes since revision REV`;

const importUsage = `Usage: factdesk import WORKSPACE ARTICLE FILE.jsonld

Adds the claims of a W3C Web Annotation file (exported by FactDesk, or
another tool's annotations with a TextQuoteSelector) to ARTICLE, placed on
their words; claims whose words cannot be found arrive detached, never dropped.`;

function language() {
  return pickLanguage([process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG, Intl.DateTimeFormat().resolvedOptions().locale]);
}

function bytesOf(f: ExportedFile): Buffer {
  return f.encoding === 'base64' ? Buffer.from(f.data, 'base64') : Buffer.from(f.data, 'utf8');
}

async function write(path: string, f: ExportedFile): Promise<void> {
  await fs.writeFile(path, bytesOf(f));
}

/** Prints the claims that block publication, one a line, on stderr. */
async function reportBlocked(session: Session, team: TeamClient | null, id: string, io: CliIo, e: FactDeskError): Promise<number> {
  const list = await session.annotations.list(id);
  const gate = publicationGate([...list.claims, ...list.detached], undefined, team?.conflictedClaims(id));
  io.err(`factdesk: ${cliI18n().t(`errors.${e.code}`, e.params)}`);
  const path = session.workspace.record(id).path;
  for (const b of gate.blocking) io.err(`  ${path}:${b.start}-${b.end}  ${b.status.padEnd(13)} ${b.quote}${b.detached ? '  (detached)' : ''}${b.conflict ? '  (team conflict)' : ''}`);
  return gateRefusedExit;
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        all: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        'with-citations': { type: 'boolean' },
        'claim-review': { type: 'boolean' },
        'override-reason': { type: 'string' },
        correction: { type: 'string' },
        since: { type: 'string' },
      },
      allowPositionals: true,
    });
    const [workspace, article, ...extra] = positionals;
    const format = values.format as ExportFormat | undefined;
    if (!workspace || (!article && !values.all) || (article && values.all) || extra.length || !format || !exportFormats.includes(format)) {
      io.err(usage);
      return 2;
    }
    const since = values.since !== undefined ? Number(values.since) : undefined;
    if (since !== undefined && (!Number.isInteger(since) || since < 1)) {
      io.err(`factdesk export: --since takes a revision number\n\n${usage}`);
      return 2;
    }
    const req = {
      format,
      language: language(),
      ...(values['with-citations'] ? { withCitations: true } : {}),
      ...(values['claim-review'] ? { embedClaimReview: true } : {}),
      ...(values['override-reason'] !== undefined ? { overrideReason: values['override-reason'] } : {}),
      ...(values.correction !== undefined ? { correction: values.correction } : {}),
      ...(since !== undefined ? { sinceRevision: since } : {}),
    };
    const writes = publicationFormats.includes(format);
    const exportIds = async (session: Session, ids: string[], team: TeamClient | null): Promise<number> => {
      const publisher = new Publisher(session, undefined, team ? (id) => team.conflictedClaims(id) : undefined);
      const exportArticle = (id: string) => (team ? team.publishThroughGate(id, req.overrideReason, () => publisher.exportArticle(id, req)) : publisher.exportArticle(id, req));
      if (!values.all) {
        const id = ids[0]!;
        try {
          const { file, record } = await exportArticle(id);
          const target = values.out ? resolve(userPath(values.out)) : resolve(file.filename);
          const path = (await fs.stat(target).then((s) => s.isDirectory(), () => false)) ? join(target, file.filename) : target;
          await write(path, file);
          io.err(`factdesk: wrote ${path}${record ? ` (published revision ${record.revision}, sha256 ${file.hash.slice(0, 12)}…)` : ''}`);
          return 0;
        } catch (e) {
          if (isFactDeskError(e) && e.code === 'publication-blocked') return reportBlocked(session, team, id, io, e);
          throw e;
        }
      }
      // --all: one file per article, then the workspace report; progress on stderr.
      const dir = resolve(userPath(values.out ?? '.'));
      await fs.mkdir(dir, { recursive: true });
      let blocked = 0;
      let n = 0;
      for (const id of ids) {
        n++;
        const path = session.workspace.record(id).path;
        try {
          const { file } = await exportArticle(id);
          // Articles in folders keep their folder in the name, so two `index.md` do not collide.
          await write(join(dir, path.includes('/') ? path.split('/').slice(0, -1).join('__') + '__' + file.filename : file.filename), file);
          io.err(`[${n}/${ids.length}] ${path}`);
        } catch (e) {
          if (!isFactDeskError(e)) throw e;
          if (e.code === 'publication-blocked') {
            blocked++;
            await reportBlocked(session, team, id, io, e);
          } else io.err(`[${n}/${ids.length}] ${path}: ${cliI18n().t(`errors.${e.code}`, e.params)}`);
        }
      }
      const reportFormat = format === 'csv' || format === 'json' || format === 'report-pdf' ? format : 'report-html';
      const report = await publisher.workspaceReport({ format: reportFormat, language: req.language }, (done, total) => io.err(`report ${done}/${total}`));
      await write(join(dir, report.filename), report);
      io.err(`factdesk: wrote ${ids.length - blocked} of ${ids.length} articles and ${report.filename} to ${dir}`);
      return blocked ? gateRefusedExit : 0;
    };
    return withWorkspace(workspace, writes ? 'write' : 'read', io, async (session) => {
      const ws = session.workspace;
      const ids = values.all ? ws.ids().filter((id) => !ws.record(id).missing) : [ws.resolveArticle(article!)];
      // A publication in a team workspace passes the team's gate: its conflicts block, its roles decide who may
      // override. The team's code (Yjs, the provider) is loaded for a publication only.
      const team = writes ? await (await import('../../services/team/team-client.js')).TeamClient.offline(session, ids) : null;
      try {
        return await exportIds(session, ids, team);
      } finally {
        await team?.close();
      }
    });
  },
};

export const importCommand: CliCommand = {
  name: 'import',
  usage: importUsage,
  async run(argv, io) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true });
    const [workspace, article, file, ...extra] = positionals;
    if (!workspace || !article || !file || extra.length) {
      io.err(importUsage);
      return 2;
    }
    const json = await fs.readFile(userPath(file), 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new FactDeskError('not-found', `${file}: ${e.code ?? e.message}`, { what: file });
    });
    return withWorkspace(workspace, 'write', io, async (session) => {
      const id = session.workspace.resolveArticle(article);
      const r = await new Publisher(session).importAnnotations(id, json);
      io.out(`Imported ${r.attached + r.detached} claims: ${r.attached} on their words, ${r.detached} detached${r.skipped ? `; ${r.skipped} annotations without a text quote skipped` : ''}.`);
      return 0;
    });
  },
};
