// `npm run fuzz:api [-- --count 10000 --seed 16 --concurrency 4]`: the API fuzz test at full size
// (npm test sends 2,000 from the same generator): generated requests against a real API process,
// reporting statuses, any 5xx or unanswered request, and the process's memory throughout.
import { parseArgs } from 'node:util';
import { runFuzz } from '../../apps/api/test/support/fuzz/run-fuzz.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: '16' }, concurrency: { type: 'string', default: '4' } },
});
const count = Number(values.count);
const started = performance.now();
const report = await runFuzz({
  count, seed: Number(values.seed), concurrency: Number(values.concurrency),
  onProgress: (done) => {
    if (done % 1_000 === 0) console.error(`${done}/${count}…`);
  },
});
console.log(`# npm run fuzz:api — ${new Date().toISOString()}`);
console.log(`${report.sent} requests (seed ${values.seed}) in ${((performance.now() - started) / 1000).toFixed(0)} s; by kind ${JSON.stringify(report.byKind)}`);
console.log(`statuses: ${JSON.stringify(report.byStatus)}`);
console.log(`API RSS: ${report.rssMb.start.toFixed(0)} MB at start, ${report.rssMb.max.toFixed(0)} MB at most while sampled, ${report.rssMb.end.toFixed(0)} MB at the end, peak (VmHWM) ${report.rssMb.peak.toFixed(0)} MB`);
console.log(`5xx or unanswered: ${report.failures.length}; the API ${report.exitedEarly ? 'EXITED before the end' : 'ran throughout'}`);
for (const failure of report.failures.slice(0, 20)) console.log(`- ${failure.outcome}: ${JSON.stringify(failure.request).slice(0, 400)}`);
process.exit(report.failures.length === 0 && !report.exitedEarly ? 0 : 1);
