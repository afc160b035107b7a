/**
 * Known-answer benchmark (the synthetic model of the Group Bias Adaptation paper, Chen, Sheen,
 * Xiong, Wang & Yang 2025, "Taming Polysemanticity in LLMs: Provable Feature Recovery via Sparse
 * Autoencoders"): n unit-norm ground-truth features in d dimensions; each sample is a
 * non-negative s-sparse combination of them (half the samples s = 3, half s = 20; coefficients
 * uniform in [0, 1)). An SAE recovers a feature when some decoder row has cosine > τ with it; the
 * recovery rate is the share of features recovered, at τ = 0.8 and 0.9. Runs every architecture
 * over several seeds and returns mean ± sd. Run directly (`tsx packages/sae/bench/recovery.ts`)
 * to print the table.
 *
 * Why TopK k=20 recovers 0% here while the paper reports 100% / 98.4% — what was checked:
 * - The measure is right: `bestCosines` compares ground-truth rows f_i [n, d] with decoder ROWS
 *   W_dec[j] ([width, d], renormalised), signed (a feature must be matched with the right
 *   orientation), and the data are x = Σ_i c_i f_i (row r of `data` adds c·features[f], not a
 *   transpose). With every sample 3-sparse, topk k=3 recovers 100%.
 * - On the mixed 3/20 data the measure also works for small k: topk k=3 recovers 99.2% at both
 *   τ (seed 0, width 512); k=6 95.3% / 75.8%; k=10 43.8% / 15.6%; k=20 0% / 0% (best cosines:
 *   median 0.49, 90th percentile 0.59). Recovery falls steadily with k — the same trend as the
 *   paper's k = 20/30/50 rows, shifted to smaller k.
 * - None of these moved topk k=20 off 0% (seed 0): width 128 (= n) or 256 instead of 512;
 *   16 epochs instead of 4 (FVU 0.083 → 0.060, still 0%); lr 1e-3 for 8 epochs; b_dec
 *   initialised to 0 instead of the data mean (no centring of the non-negative data); data
 *   rescaled to unit mean squared norm; only 20-sparse samples; tied weights (W_enc = W_decᵀ,
 *   unit rows, as in the paper's theory; also k=50 and gba 0%).
 * - The paper's own rows are a hint that its regime differs from this summary: TopK k=50 > d=42
 *   can reconstruct any x exactly with any spanning dictionary (our FVU 0.000), yet the paper
 *   reports 94.5% recovered at τ=0.8.
 * - So the difference from the paper is not a bug in the data or the measure that we could find;
 *   it is a setup detail the issue's summary does not give (likely the coefficient distribution,
 *   the SAE's parameterisation — e.g. tied or unit-norm encoder rows as in the paper's theory —
 *   or a much longer run). In d = 42 a linear encoder + TopK with k = 20 can reconstruct well
 *   (FVU 0.06–0.08) without any decoder row aligned to a true feature.
 * - GBA as specified (biases only by adaptation, clamped to [−1, 0], γ = 0.01, T = 50) moves each
 *   bias by about γ·r ≈ 0.01–0.03 per update: at 512 steps that is ~10 updates, so the code is
 *   still dense (L0 ≈ 80) and nothing is recovered; with T = 10 over 2,048 steps (or unit-norm
 *   encoder rows, or unit-scale data) L0 fell to 50–80 and recovery stayed at 0%. Even 8,192
 *   steps (cap 64) stay at 0%, and the state after 2,048 steps shows why: 87.5% of the latents
 *   never fire (their encoder rows point away from the centred, non-negative data, so raising
 *   b towards its ceiling 0 cannot revive them and they get no gradient), while the other 64
 *   sit at the floor b = −1 and still fire on every row (pre-activations of centred inputs
 *   with ‖x − b_dec‖ up to ~3 exceed 1), giving a dense code at the cap with FVU ≈ 0. The
 *   [−1, 0] bias range presumes inputs/encoder rows at a unit scale the paper's setup has and
 *   ours does not enforce (the encoder norm is free).
 * Defaults are kept small so the whole table (every row, 3 seeds) runs in a few minutes on 2 cores.
 */
import { pathToFileURL } from 'node:url';
import { trainSae } from '../src/index.ts';
import type { TrainSaeOptions } from '../src/index.ts';
import { gaussian, mulberry32 } from '../src/random.ts';

export interface RecoveryRun {
  /** Row label, e.g. "topk k=20". */
  name: string;
  options: Partial<TrainSaeOptions> & Pick<TrainSaeOptions, 'architecture'>;
}

export interface RecoveryOptions {
  /** Ground-truth features (default 128). */
  features?: number;
  /** Dimensions (default 42). */
  dIn?: number;
  /** Samples (default 32,768; half s = 3, half s = 20). */
  samples?: number;
  sparsities?: [number, number];
  /** SAE width (default 512 = 4n). */
  width?: number;
  epochs?: number;
  batchSize?: number;
  /** Peak learning rate (default 1e-2: at 2e-4·sqrt(16384/width) 512 steps leave FVU near 0.35). */
  lr?: number;
  seeds?: number[];
  thresholds?: number[];
  runs?: RecoveryRun[];
  threads?: number;
  log?: (line: string) => void;
}

export interface RecoveryRow {
  name: string;
  /** Per τ: mean and sd over seeds of the recovery rate, in percent. */
  recovery: Array<{ tau: number; mean: number; sd: number; perSeed: number[] }>;
  l0: number;
  fvu: number;
  seconds: number;
}

export interface RecoveryResult {
  settings: Required<Omit<RecoveryOptions, 'runs' | 'log' | 'threads'>>;
  rows: RecoveryRow[];
  /** The table as Markdown. */
  table: string;
}

export const DEFAULT_RECOVERY_RUNS: RecoveryRun[] = [
  { name: 'topk k=20', options: { architecture: 'topk', k: 20 } },
  { name: 'topk k=30', options: { architecture: 'topk', k: 30 } },
  { name: 'topk k=50', options: { architecture: 'topk', k: 50 } },
  { name: 'batchtopk k=20', options: { architecture: 'batchtopk', k: 20 } },
  { name: 'relu (L1 λ=0.1)', options: { architecture: 'relu', l1Coefficient: 0.1 } },
  { name: 'jumprelu (L0 λ=0.05)', options: { architecture: 'jumprelu', l0Coefficient: 0.05, bandwidth: 0.1, initialThreshold: 0.1 } },
  { name: 'gba (K=10, T=50)', options: { architecture: 'gba' } },
  { name: 'gba (K=10, T=10)', options: { architecture: 'gba', gbaInterval: 10 } },
  // Control: the measure works on this data when the code is as sparse as most samples.
  { name: 'topk k=3 (control)', options: { architecture: 'topk', k: 3 } },
];

/** The paper's table (n=128, d=42), for reference. */
export const GBA_PAPER_RECOVERY = [
  { name: 'GBA', tau80: 100, tau90: 100 },
  { name: 'TopK k=20', tau80: 100, tau90: 98.4 },
  { name: 'TopK k=30', tau80: 98.4, tau90: 24.2 },
  { name: 'TopK k=50', tau80: 94.5, tau90: 23.4 },
];

/** Features [n, d] (unit rows) and samples [samples, d]. */
export function syntheticFeatureModel(n: number, d: number, samples: number, sparsities: [number, number], seed: number) {
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const features = Float32Array.from({ length: n * d }, () => normal());
  for (let f = 0; f < n; f++) {
    const row = features.subarray(f * d, (f + 1) * d);
    const norm = Math.hypot(...row);
    for (let i = 0; i < d; i++) row[i] = row[i]! / norm;
  }
  const data = new Float32Array(samples * d);
  const chosen = new Int32Array(n);
  for (let r = 0; r < samples; r++) {
    const s = r % 2 === 0 ? sparsities[0] : sparsities[1];
    // s distinct features by a partial Fisher–Yates shuffle.
    for (let f = 0; f < n; f++) chosen[f] = f;
    for (let t = 0; t < s; t++) {
      const pick = t + Math.floor(uniform() * (n - t));
      const f = chosen[pick]!;
      chosen[pick] = chosen[t]!;
      chosen[t] = f;
      const c = uniform();
      for (let i = 0; i < d; i++) data[r * d + i] = data[r * d + i]! + c * features[f * d + i]!;
    }
  }
  return { features, data };
}

/** Per feature, the best cosine with a decoder row (rows renormalised here). */
export function bestCosines(features: Float32Array, n: number, W_dec: Float32Array, width: number, d: number): Float64Array {
  const norms = Float64Array.from({ length: width }, (_, j) => Math.hypot(...W_dec.subarray(j * d, (j + 1) * d)) || 1);
  const best = new Float64Array(n).fill(-1);
  for (let f = 0; f < n; f++) {
    for (let j = 0; j < width; j++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += features[f * d + i]! * W_dec[j * d + i]!;
      best[f] = Math.max(best[f]!, dot / norms[j]!);
    }
  }
  return best;
}

const meanSd = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
};

export async function benchmarkRecovery(options: RecoveryOptions = {}): Promise<RecoveryResult> {
  const settings = {
    features: options.features ?? 128,
    dIn: options.dIn ?? 42,
    samples: options.samples ?? 32_768,
    sparsities: options.sparsities ?? ([3, 20] as [number, number]),
    width: options.width ?? 512,
    epochs: options.epochs ?? 4,
    batchSize: options.batchSize ?? 256,
    lr: options.lr ?? 1e-2,
    seeds: options.seeds ?? [0, 1, 2],
    thresholds: options.thresholds ?? [0.8, 0.9],
  };
  const runs = options.runs ?? DEFAULT_RECOVERY_RUNS;
  const log = options.log ?? (() => {});
  const { features: n, dIn: d, samples, width } = settings;
  const perRun = runs.map(() => ({ rates: settings.thresholds.map(() => [] as number[]), l0: [] as number[], fvu: [] as number[], seconds: 0 }));
  for (const seed of settings.seeds) {
    const { features, data } = syntheticFeatureModel(n, d, samples, settings.sparsities, 1000 + seed);
    for (const [r, run] of runs.entries()) {
      const started = performance.now();
      const { sae, metrics } = await trainSae({
        activations: data, rows: samples, dIn: d, width, epochs: settings.epochs, batchSize: settings.batchSize, lr: settings.lr, seed,
        evaluationRows: Math.min(samples, 8192), ...(options.threads ? { threads: options.threads } : {}),
        ...run.options,
      } as TrainSaeOptions);
      const best = bestCosines(features, n, sae.W_dec, width, d);
      settings.thresholds.forEach((tau, t) => perRun[r]!.rates[t]!.push((100 * best.filter((c) => c > tau).length) / n));
      perRun[r]!.l0.push(metrics.l0);
      perRun[r]!.fvu.push(metrics.fvu);
      const seconds = (performance.now() - started) / 1000;
      perRun[r]!.seconds += seconds;
      log(`seed ${seed} ${run.name}: ${settings.thresholds.map((tau, t) => `τ=${tau} ${perRun[r]!.rates[t]!.at(-1)!.toFixed(1)}%`).join(', ')}, L0 ${metrics.l0.toFixed(1)}, FVU ${metrics.fvu.toFixed(3)} (${seconds.toFixed(1)} s)`);
    }
  }
  const rows: RecoveryRow[] = runs.map((run, r) => ({
    name: run.name,
    recovery: settings.thresholds.map((tau, t) => ({ tau, ...meanSd(perRun[r]!.rates[t]!), perSeed: perRun[r]!.rates[t]! })),
    l0: meanSd(perRun[r]!.l0).mean,
    fvu: meanSd(perRun[r]!.fvu).mean,
    seconds: perRun[r]!.seconds,
  }));
  const header = `| SAE | ${settings.thresholds.map((t) => `recovery τ=${t} (%)`).join(' | ')} | L0 | FVU |`;
  const table = [
    header,
    `|${'---|'.repeat(3 + settings.thresholds.length)}`,
    ...rows.map((row) => `| ${row.name} | ${row.recovery.map((c) => `${c.mean.toFixed(1)} ± ${c.sd.toFixed(1)}`).join(' | ')} | ${row.l0.toFixed(1)} | ${row.fvu.toFixed(3)} |`),
  ].join('\n');
  return { settings, rows, table };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const result = await benchmarkRecovery({ log: (line) => console.error(line) });
  const s = result.settings;
  console.log(`Feature recovery: n=${s.features}, d=${s.dIn}, ${s.samples} samples (half s=${s.sparsities[0]}, half s=${s.sparsities[1]}), width ${s.width}, ${s.epochs} epochs, batch ${s.batchSize}, lr ${s.lr}, seeds ${s.seeds.join(', ')}\n`);
  console.log(result.table);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
