/**
 * `npm run bench [suite…]`: runs the benchmark suites in this process and
 * prints one JSON object on stdout, `{node, suites: {name: result}}`.
 */
import os from 'node:os';
import { suites } from './suites.js';

const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const s of suites) {
  if (only.length && !only.includes(s.name)) continue;
  process.stderr.write(`bench: ${s.name}…\n`);
  results[s.name] = await s.run();
}
console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, suites: results }, null, 2));
