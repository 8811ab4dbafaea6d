/**
 * `factdesk check FILE [--json] [--year YYYY] [--lang zh-CN|en]`: runs the
 * arithmetic cross-checks on the figures of an article file and lists what
 * hangs together and what does not.
 */
import { parseArgs } from 'node:util';
import { runChecks, type CheckFinding } from '../../../shared/checks/index.js';
import { detectClaims } from '../../../shared/claims/index.js';
import { FactDeskError } from '../../../shared/errors.js';
import { languages, type Language } from '../../../shared/i18n/index.js';
import { readArticleFile } from '../article-file.js';
import type { CliCommand } from '../command.js';
import { reportError } from '../errors.js';
import { cliI18n } from '../i18n.js';

const usage = `Usage: factdesk check FILE [--json] [--year YYYY] [--lang zh-CN|en]

Checks how the figures of an article file (UTF-8, UTF-16 or GB18030) hang
together: currency conversions against the official annual average rate,
growth rates against stated bases, parts against wholes, stated shares,
figures stated twice with different values, and figures missing a unit.

Options:
  --json         print {"findings":[{"kind","ok","claims":[{"start","end","text"}],"explanation","assumedYear"?}]}
                 and nothing else; offsets are UTF-16 code units of the file's
                 text (BOM removed, CRLF kept as two characters)
  --year YYYY    the year the figures belong to where a sentence names none
                 (default: the year the article's dates name most often)
  --lang L       language of the explanations, zh-CN or en (default: from the
                 environment)

Exit status: 0 no alarm, 1 at least one figure does not add up, 2 the file
cannot be read or the options are wrong.`;

function readable(file: string, year: number | null, findings: CheckFinding[], lang: Language): string {
  const t = cliI18n().getFixedT(lang);
  const alarms = findings.filter((f) => !f.ok).length;
  const lines = [`${file}${year !== null ? ` (${year})` : ''}: ${findings.length} finding(s), ${alarms} alarm(s)`];
  for (const f of findings) {
    const where = f.claims.map((c) => `${c.text} [${c.start}-${c.end}]`).join(', ');
    lines.push(`${f.ok ? '  ok ' : '  !! '} ${t(`checks.kind.${f.kind}`)}: ${where}`, `       ${f.explanation}`);
  }
  return lines.join('\n');
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage,
  async run(argv, io) {
    try {
      let parsed;
      try {
        parsed = parseArgs({ args: argv, options: { json: { type: 'boolean' }, year: { type: 'string' }, lang: { type: 'string' } }, allowPositionals: true });
      } catch (e) {
        throw new FactDeskError('invalid-input', (e as Error).message, { detail: `${(e as Error).message}\n\n${usage}` });
      }
      const { values, positionals } = parsed;
      if (positionals.length !== 1) throw new FactDeskError('invalid-input', 'expected one FILE', { detail: `expected one FILE\n\n${usage}` });
      const year = values.year === undefined ? undefined : Number(values.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2100)) {
        throw new FactDeskError('invalid-input', `--year ${values.year} is not a year`, { detail: `--year ${values.year} is not a year (1900–2100)` });
      }
      if (values.lang !== undefined && !(languages as readonly string[]).includes(values.lang)) {
        throw new FactDeskError('invalid-input', `--lang ${values.lang}`, { detail: `--lang takes ${languages.join(' or ')}` });
      }
      const lang = (values.lang ?? cliI18n().language) as Language;
      const file = positionals[0]!;
      const text = await readArticleFile(file);
      const report = runChecks(text, detectClaims(text), { year, language: lang });
      if (values.json) {
        const findings = report.findings.map((f) => ({ kind: f.kind, ok: f.ok, claims: f.claims.map((c) => ({ start: c.start, end: c.end, text: c.text })), explanation: f.explanation, ...(f.assumedYear !== undefined ? { assumedYear: f.assumedYear } : {}) }));
        io.out(JSON.stringify({ findings }));
      } else {
        io.out(readable(file, report.year, report.findings, lang));
      }
      return report.findings.some((f) => !f.ok) ? 1 : 0;
    } catch (e) {
      return reportError(io, e);
    }
  },
};
