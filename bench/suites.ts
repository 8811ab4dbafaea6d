// Every benchmark suite `npm run bench` runs, in order. Add a suite by adding its module here.
import type { BenchSuite } from './suite.js';
import { checksSuite } from './checks.js';
import { claimsSuite } from './claims.js';
import { storeSuite } from './store.js';
import { teamSuite } from './team.js';
import { textChangesSuite } from './text-changes.js';

export const suites: BenchSuite[] = [textChangesSuite, claimsSuite, checksSuite, storeSuite, teamSuite];
