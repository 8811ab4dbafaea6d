#!/usr/bin/env node
// `npm run audit:electron`: Electronegativity over the Electron code.
// Fails on any HIGH/MEDIUM finding of FIRM/CERTAIN confidence, and on any
// finding whose check is not reviewed in docs/security.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const dir = mkdtempSync(join(os.tmpdir(), 'factdesk-eneg-'));
const csv = join(dir, 'findings.csv');
const bin = join('node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
const r = spawnSync(bin, ['-i', 'electron', '-r', '-v', 'false', '-e', electronVersion, '-o', csv], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(r.status ?? 1);
}

function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n').slice(1).filter(Boolean)) {
    const cells = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cur.trim());
        cur = '';
      }
      else cur += ch;
    }
    cells.push(cur.trim());
    const [issue, severity, confidence, file, location, , description] = cells;
    rows.push({ issue, severity, confidence, file, location, description });
  }
  return rows;
}

const findings = parseCsv(readFileSync(csv, 'utf8'));
rmSync(dir, { recursive: true, force: true });
const reviewed = readFileSync('docs/security.md', 'utf8');
const blocking = findings.filter((f) => ['HIGH', 'MEDIUM', 'CRITICAL'].includes(f.severity) && ['FIRM', 'CERTAIN'].includes(f.confidence));
const unreviewed = findings.filter((f) => !reviewed.includes(f.issue));

console.log(`Electronegativity (Electron ${electronVersion}) — ${findings.length} finding(s):`);
for (const f of findings) console.log(`  ${f.severity.padEnd(8)} ${f.confidence.padEnd(9)} ${f.issue.padEnd(28)} ${f.file}:${f.location}  ${f.description}`);
if (blocking.length) console.error(`\n✖ ${blocking.length} HIGH/MEDIUM finding(s) of FIRM/CERTAIN confidence: fix them.`);
if (unreviewed.length) console.error(`\n✖ not reviewed in docs/security.md: ${[...new Set(unreviewed.map((f) => f.issue))].join(', ')}`);
if (blocking.length || unreviewed.length) process.exit(1);
console.log('\n✔ no HIGH/MEDIUM finding of FIRM/CERTAIN confidence; every remaining finding is reviewed in docs/security.md.');
