// `npm test`: every check the project has, ending with one line "N passed, N failed".
// Type checks and lint count as one check each; vitest's JSON report gives the test counts.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { bin, repoRoot, run } from './lib/env.mjs';

const reportDir = path.join(repoRoot, '.atlas');
mkdirSync(reportDir, { recursive: true });
const reportFile = path.join(reportDir, 'vitest-report.json');

let passed = 0;
let failed = 0;

ensureChromium();

// Each workspace through turbo, then the root's own tests/ and scripts/.
const checks = [
  ['typecheck', () => run(bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only'])],
  ['typecheck (tests, scripts)', () => run(bin('tsc'), ['-p', 'tsconfig.json'])],
  ['lint', () => run(bin('turbo'), ['run', 'lint', '--output-logs=errors-only'])],
  ['lint (tests, scripts)', () => run(bin('eslint'), ['tests', 'scripts'])],
];
for (const [name, check] of checks) {
  console.log(`\n== ${name} ==`);
  if ((await check()) === 0) passed += 1;
  else {
    failed += 1;
    console.error(`${name} failed`);
  }
}

console.log('\n== build web (for browser tests) ==');
if ((await run(bin('turbo'), ['run', 'build', '--filter=@atlas/web', '--output-logs=errors-only'])) !== 0) {
  failed += 1;
  console.error('web build failed');
}

console.log('\n== vitest ==');
rmSync(reportFile, { force: true });
const vitestCode = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)]);
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  // numFailedTestSuites also counts describe blocks, so a file's failure is counted from its results instead.
  const failedHere = (report.numFailedTests ?? 0) + countFilesFailedWithoutFailedTests(report);
  failed += failedHere;
  // An error outside any test (global setup, an unhandled rejection) fails the run with no failed test: count it.
  if (vitestCode !== 0 && failedHere === 0) {
    failed += 1;
    console.error(`vitest exited with status ${vitestCode} outside any test (see "Unhandled Error" above)`);
  }
} else {
  failed += 1;
  console.error('vitest wrote no report');
}

/** A file that fails to load (or whose hooks fail) is failed with no failed test: count it once. */
function countFilesFailedWithoutFailedTests(report) {
  return (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
