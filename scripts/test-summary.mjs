// Adds up the vitest JSON reports of every package and prints one closing line:
// "N passed, N failed, N skipped". Exits 1 when a test failed or no test ran.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.test-results';
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {}
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
}
const line = `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
process.stdout.write(`\n${line}\n`);
try {
  writeFileSync(join(dir, 'summary.txt'), `${line}\n`);
} catch {}
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
