// Adds up the vitest JSON reports of every package and prints one closing line:
// "N passed, N failed, N skipped". Exits 1 when a test failed or no test ran. A package whose
// run failed while its report shows no failure (vitest fails a run on an unhandled error
// outside any test, which its JSON report leaves out) counts as one failed test; the
// package-runs.json that scripts/run-tests.mjs writes says which runs failed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.test-results';
const RUNS = 'package-runs.json';
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== RUNS);
} catch {}
let runs = [];
try {
  runs = JSON.parse(readFileSync(join(dir, RUNS), 'utf8'));
} catch {}
/** The report file vitest.shared.ts names after a package. */
const reportName = (pkg) => `${pkg.replace(/[@/]/g, '_')}.json`;
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  total.passed += report.numPassedTests ?? 0;
  // A file that failed to load or a failing global teardown fails the report with no failed test.
  const suiteErrors = report.success === false && !report.numFailedTests ? 1 : 0;
  total.failed += (report.numFailedTests ?? 0) + suiteErrors;
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false)
    process.stderr.write(`failures in ${file}: ${report.numFailedTests || 'suite error'}\n`);
  const run = runs.find((r) => reportName(r.name) === file);
  if (run && !run.ok && report.success !== false) {
    total.failed += 1;
    process.stderr.write(`failures in ${file}: its tests passed but the run failed (see why above)\n`);
  }
}
for (const run of runs.filter((r) => !r.ok)) {
  if (files.includes(reportName(run.name))) continue;
  total.failed += 1;
  process.stderr.write(`failures in ${run.name}: the run failed and wrote no report\n`);
}
const line = `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
process.stdout.write(`\n${line}\n`);
try {
  writeFileSync(join(dir, 'summary.txt'), `${line}\n`);
} catch {}
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
