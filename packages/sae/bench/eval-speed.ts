/**
 * Evaluation-speed benchmark: seconds per stage of `evaluateSource` with the atoms metrics (the
 * reconstruction pass with XᵀX, decoder coherence, Cholesky whitening, the whitened-cosine pass)
 * for a random SAE on random rows held in memory. Not a test; run directly:
 *   npx tsx packages/sae/bench/eval-speed.ts [dIn] [width] [rows] [device]
 */
import { pathToFileURL } from 'node:url';
import type { Device } from '@atlas/onnx';
import { inMemorySource } from '@atlas/activations';
import { evaluateSource } from '../src/index.ts';
import type { EvaluationStage, SaeWeights } from '../src/index.ts';
import { gaussian, mulberry32 } from '@atlas/random';

export interface EvalBenchmarkOptions {
  dIn?: number;
  width?: number;
  k?: number;
  rows?: number;
  device?: Device;
}

/** Wall-clock seconds of each stage, from the first progress report of a stage to the next stage's. */
export async function benchmarkEvaluation({ dIn = 768, width = 16_384, k = 32, rows = 65_536, device = 'cpu' }: EvalBenchmarkOptions = {}) {
  const normal = gaussian(mulberry32(1));
  const random = (n: number, scale = 1) => Float32Array.from({ length: n }, () => normal() * scale);
  const sae: SaeWeights = {
    cfg: { architecture: 'topk', dIn, width, k, hookName: 'bench', modelId: 'bench', dtype: 'float32', normalizeActivations: 'none' },
    W_enc: random(dIn * width, 1 / Math.sqrt(dIn)), b_enc: new Float32Array(width), W_dec: random(width * dIn), b_dec: random(dIn, 0.1),
  };
  const data = random(rows * dIn);
  const marks: [EvaluationStage | 'sessions + first batch' | 'end', number][] = [['sessions + first batch', performance.now()]];
  const started = performance.now();
  await evaluateSource(sae, inMemorySource(data, rows, dIn), {
    atoms: true, device,
    onProgress: (stage) => {
      if (marks.at(-1)![0] !== stage) marks.push([stage, performance.now()]);
    },
  });
  const total = (performance.now() - started) / 1000;
  const seconds: Record<string, number> = {};
  marks.push(['end', performance.now()]);
  // A stage is timed from its first progress report (after its first batch or block) to the
  // next stage's; 'coherence' also covers the Cholesky whitening that follows it.
  for (let i = 0; i < marks.length - 1; i++) seconds[marks[i]![0]] = (marks[i + 1]![1] - marks[i]![1]) / 1000;
  return { dIn, width, k, rows, device, totalSeconds: total, stageSeconds: seconds, rowsPerSecond: (2 * rows) / total };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dIn, width, rows, device] = process.argv.slice(2);
  console.log(JSON.stringify(await benchmarkEvaluation({
    ...(dIn ? { dIn: Number(dIn) } : {}), ...(width ? { width: Number(width) } : {}), ...(rows ? { rows: Number(rows) } : {}),
    ...(device ? { device: device as Device } : {}),
  }), null, 2));
}
