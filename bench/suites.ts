// Every benchmark suite `npm run bench` runs, in order. Add a suite by adding its module here.
import type { BenchSuite } from './suite.js';
import { checksSuite } from './checks.js';
import { claimsSuite } from './claims.js';
import { cliSuite } from './cli.js';
import { exportSuite } from './export.js';
import { statementsSuite } from './statements.js';
import { storeSuite } from './store.js';
import { teamSuite } from './team.js';
import { textChangesSuite } from './text-changes.js';
import { browserSuite } from './browser.js';
import { boardSuite } from './board.js';
import { dashboardSuite } from './dashboard.js';

export const suites: BenchSuite[] = [textChangesSuite, claimsSuite, statementsSuite, checksSuite, storeSuite, exportSuite, teamSuite, browserSuite, boardSuite, cliSuite, dashboardSuite];
