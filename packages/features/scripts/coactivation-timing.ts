// Times CoactivationCounter on skewed (Zipf-like) random TopK codes:
// `npx tsx packages/features/scripts/coactivation-timing.ts [width] [k] [tokens]`.
import { mulberry32 } from '@atlas/random';
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
let started = performance.now();
const counter = new CoactivationCounter(width);
const allocated = (performance.now() - started) / 1000;
started = performance.now();
counter.addRows({ indices, values, k }, 0, rows);
const seconds = (performance.now() - started) / 1000;
started = performance.now();
counter.finish();
const finished = (performance.now() - started) / 1000;
started = performance.now();
const state = counter.toState();
const stateSeconds = (performance.now() - started) / 1000;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
console.log(
  `${rows} tokens, width ${width}, k ${k}: ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} tok/s); ` +
  `triangle ${mib(counter.bytesPerPair * (width * (width - 1)) / 2)} MiB (Uint${counter.bytesPerPair * 8}, allocated in ${allocated.toFixed(2)} s); ` +
  `finish ${finished.toFixed(2)} s; state ${state.pairGaps.length} nonzero pairs (${mib(state.pairGaps.byteLength * 2)} MiB) in ${stateSeconds.toFixed(2)} s`,
);
