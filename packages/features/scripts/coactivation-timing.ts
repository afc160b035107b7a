// Times CoactivationCounter on skewed random TopK codes: `npx tsx packages/features/scripts/coactivation-timing.ts [width] [k] [tokens]`.
import { mulberry32 } from '@atlas/sae';
import { CoactivationCounter } from '../src/coactivation.ts';

const [width = 4096, k = 32, rows = 32_768] = process.argv.slice(2).map(Number);
const random = mulberry32(1);
const indices = new Int32Array(rows * k);
const values = new Float32Array(rows * k).fill(1);
for (let row = 0; row < rows; row += 1) {
  const chosen = new Set<number>();
  // Cubing skews choices towards low indices: a few frequent features, a long tail, as in real SAEs.
  while (chosen.size < k) chosen.add(Math.floor(width * random() ** 3));
  [...chosen].forEach((feature, slot) => (indices[row * k + slot] = feature));
}
const counter = new CoactivationCounter(width);
let started = performance.now();
counter.addRows({ indices, values, k }, 0, rows);
const seconds = (performance.now() - started) / 1000;
started = performance.now();
counter.finish();
console.log(`${rows} tokens, width ${width}, k ${k}: ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} tok/s); finish ${(performance.now() - started).toFixed(0)} ms`);
