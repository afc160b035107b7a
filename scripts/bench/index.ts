// `npm run bench`: the spine's speed figures, each beside a reference measured in the same run
// on the same machine. Never run as a test. Paste the printed table into docs/benchmarks.md.
import os from 'node:os';
import { benchmarkIngest } from '@atlas/db/bench';
import { benchmarkSteering } from './steering.ts';
import { benchmarkExtraction } from './extraction.ts';
import { benchmarkSaeTraining } from './training.ts';

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};

say(`# npm run bench — ${new Date().toISOString()}`);
say(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
say('');

console.error('[1/4] extraction…');
const extraction = await benchmarkExtraction();
say(`## Extraction (demo LM, ${extraction.hook}, batch ${extraction.batch} × ${extraction.seqLen}, ${fmt(extraction.tokens)} tokens)`);
say(`| path | tokens/s |`);
say(`| --- | ---: |`);
say(`| atlas extract (tokenize + hook output) | ${fmt(extraction.extractTokensPerSecond)} |`);
say(`| plain ONNX forward (input_ids → logits) | ${fmt(extraction.plainForwardTokensPerSecond)} |`);
say(`| ratio | ${fmt(extraction.extractTokensPerSecond / extraction.plainForwardTokensPerSecond, 2)}× |`);
say('');

for (const shape of [{ dIn: 256, width: 4096, k: 32 }, { dIn: 512, width: 8192, k: 32 }]) {
  console.error(`[2/4] SAE training d_in ${shape.dIn}, width ${shape.width}…`);
  const training = await benchmarkSaeTraining(shape);
  say(`## TopK SAE training (d_in ${training.dIn}, width ${training.width}, k ${training.k}, batch ${training.batchSize}, fp32)`);
  say(`| figure | value |`);
  say(`| --- | ---: |`);
  say(`| training tokens/s | ${fmt(training.tokensPerSecond)} |`);
  say(`| raw onnxruntime MatMul [${training.batchSize}×${training.dIn}]·[${training.dIn}×${training.width}] | ${fmt(training.encoderMatmulGflops, 1)} GFLOP/s (${fmt(training.encoderMatmulMs, 1)} ms) |`);
  say(`| tokens/s the encoder MatMul alone would allow | ${fmt((training.batchSize * 1000) / training.encoderMatmulMs)} |`);
  say(`| training ÷ MatMul bound | ${fmt(training.fractionOfMatmulBound, 2)} |`);
  say(`| per step: encode / backward / optimiser | ${fmt(training.stepMs.encode)} / ${fmt(training.stepMs.backward)} / ${fmt(training.stepMs.optimiser)} ms |`);
  say('');
}

console.error('[3/4] ingest into PGlite…');
const ingest = await benchmarkIngest();
say(`## Ingest into embedded PGlite (${fmt(ingest.width)} features × d${ingest.dIn}, synthetic demo-sized atlas)`);
say(`| figure | value |`);
say(`| --- | ---: |`);
for (const [table, count] of Object.entries(ingest.rows)) say(`| ${table} rows | ${fmt(count)} |`);
say(`| whole ingest | ${fmt(ingest.seconds, 1)} s, ${fmt(ingest.allRowsPerSecond)} rows/s |`);
say(`| activations (bulk unnest insert) | ${fmt(ingest.activationRowsPerSecond)} rows/s |`);
say(`| activations, one INSERT per row (reference) | ${fmt(ingest.rowByRowRowsPerSecond)} rows/s |`);
say(`| bulk ÷ row-by-row | ${fmt(ingest.activationRowsPerSecond / ingest.rowByRowRowsPerSecond, 1)}× |`);
say('');

console.error('[4/4] steering latency…');
for (const run of await benchmarkSteering()) {
  say(`## Generation, ${run.newTokens} new tokens, greedy (${run.model})`);
  say(`| path | ms | tokens/s |`);
  say(`| --- | ---: | ---: |`);
  for (const row of run.results) say(`| ${row.label} | ${fmt(row.medianMs)} | ${fmt(row.tokensPerSecond)} |`);
  say('');
}
