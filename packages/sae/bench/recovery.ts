/**
 * Known-answer benchmark: the synthetic model of the Group Bias Adaptation paper (Chen, Sheen,
 * Xiong, Wang & Yang, "Taming Polysemanticity in LLMs", arXiv 2506.14002; ICLR 2026; code
 * github.com/FFishy-git/TamingSAE_GBA, not readable from here). n = 128 unit-norm Gaussian
 * features in d = 42; half the samples 3-sparse, half 20-sparse, non-negative coefficients
 * (`recovery/feature-model.ts`: the coefficient law, scaling and sample count the paper does not
 * state are options). A feature is recovered when some decoder row has cosine > τ with it; the
 * rate is the share recovered at τ = 0.8 and 0.9, mean ± sd over seeds, printed beside the
 * paper's. `npm run bench:recovery -- --help` lists the flags; docs/benchmarks.md has the
 * published tables, what still differs from the paper and why, and the data-model search.
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_DATA_MODEL } from './recovery/feature-model.ts';
import type { DataModel } from './recovery/feature-model.ts';
import { JOB_FLAG, answerJob, runJobs } from './recovery/run-job.ts';
import type { JobResult, RecoveryJob } from './recovery/run-job.ts';
import { USAGE, recoveryOptionsFromArgs } from './recovery/options.ts';
import { DEFAULT_RUN_KEYS, RECOVERY_RUNS } from './recovery/runs.ts';
import type { PaperRecovery, RecoveryRun } from './recovery/runs.ts';

export { COEFFICIENT_LAWS, SAMPLE_SCALES, bestCosines, syntheticFeatureModel } from './recovery/feature-model.ts';
export type { CoefficientLaw, DataModel, SampleScale } from './recovery/feature-model.ts';
export { recoveryOptionsFromArgs } from './recovery/options.ts';
export { DEFAULT_RUN_KEYS, GBA_PAPER_RECOVERY, RECOVERY_RUNS, gbaSweep } from './recovery/runs.ts';
export type { PaperRecovery, RecoveryRun } from './recovery/runs.ts';

export interface RecoveryOptions {
  /** The synthetic data (default `DEFAULT_DATA_MODEL`: 32,768 unit-norm samples, uniform coefficients). */
  data?: Partial<DataModel>;
  /** SAE width (default 2048 = 16n). */
  width?: number;
  /** Optimiser steps of the rows other than gba's (default 2,500). */
  steps?: number;
  /**
   * Optimiser steps of the gba rows (default 10,000: 200 bias updates at T = 50). A bias moves by
   * at most γ·(its largest margin) per update, so the low-frequency groups need a few hundred
   * updates to reach their targets from b = 0.
   */
  gbaSteps?: number;
  /** Rows per step (default 512, as the paper). */
  batchSize?: number;
  /** Peak learning rate (default 1e-2). */
  lr?: number;
  seeds?: number[];
  thresholds?: number[];
  runs?: RecoveryRun[];
  threads?: number;
  /** Training runs at once, each in its own process (default 1: in this one). */
  jobs?: number;
  log?: (line: string) => void;
}

export interface RecoveryRow {
  name: string;
  paper?: PaperRecovery;
  width: number;
  steps: number;
  /** gba: how many times the adaptation rule ran (every T steps and after the last). */
  biasUpdates?: number;
  /** Per τ: mean and sd over seeds of the recovery rate, in percent. */
  recovery: Array<{ tau: number; mean: number; sd: number; perSeed: number[] }>;
  medianCosine: number;
  l0: number;
  fvu: number;
  /** Share of latents that never fire on the evaluation sample. */
  dead: number;
  seconds: number;
}

export interface RecoveryResult {
  data: DataModel;
  settings: { width: number; steps: number; gbaSteps: number; batchSize: number; lr: number; seeds: number[]; thresholds: number[] };
  rows: RecoveryRow[];
  /** The table as Markdown. */
  table: string;
}

const meanSd = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
};

export async function benchmarkRecovery(options: RecoveryOptions = {}): Promise<RecoveryResult> {
  const data: DataModel = { ...DEFAULT_DATA_MODEL, ...options.data };
  const settings = {
    width: options.width ?? 2048,
    steps: options.steps ?? 2500,
    gbaSteps: options.gbaSteps ?? 10_000,
    batchSize: options.batchSize ?? 512,
    lr: options.lr ?? 1e-2,
    seeds: options.seeds ?? [0, 1, 2],
    thresholds: options.thresholds ?? [0.8, 0.9],
  };
  const runs = options.runs ?? DEFAULT_RUN_KEYS.map((key) => RECOVERY_RUNS[key]!);
  const log = options.log ?? (() => {});
  const shapeOf = (run: RecoveryRun) => ({
    width: run.options.width ?? settings.width,
    steps: run.options.steps ?? (run.options.architecture === 'gba' ? settings.gbaSteps : settings.steps),
  });
  const jobs: RecoveryJob[] = settings.seeds.flatMap((seed) =>
    runs.map((run) => ({
      data, seed, thresholds: settings.thresholds,
      training: {
        batchSize: settings.batchSize, lr: settings.lr, ...(options.threads ? { threads: options.threads } : {}), ...run.options, ...shapeOf(run),
      },
    })),
  );
  const label = (index: number) => `seed ${jobs[index]!.seed} ${runs[index % runs.length]!.name} (width ${jobs[index]!.training.width}, ${jobs[index]!.training.steps} steps)`;
  const results = await runJobs(jobs, options.jobs ?? 1, process.argv[1] ?? '', (index, result) =>
    log(`${label(index)}: ${settings.thresholds.map((tau, t) => `τ=${tau} ${result.rates[t]!.toFixed(1)}%`).join(', ')}, median cos ${result.medianCosine.toFixed(3)} (encoder ${result.encoderMedianCosine.toFixed(3)}), L0 ${result.l0.toFixed(1)}, FVU ${result.fvu.toFixed(3)}, dead ${(100 * result.dead).toFixed(1)}% (${result.seconds.toFixed(0)} s)`),
  );
  const rows: RecoveryRow[] = runs.map((run, r) => {
    const mine: JobResult[] = settings.seeds.map((_, s) => results[s * runs.length + r]!);
    const { width, steps } = shapeOf(run);
    const interval = run.options.gbaInterval ?? 50;
    return {
      name: run.name,
      ...(run.paper ? { paper: run.paper } : {}),
      width,
      steps,
      ...(run.options.architecture === 'gba' ? { biasUpdates: Math.ceil(steps / interval) } : {}),
      recovery: settings.thresholds.map((tau, t) => ({ tau, ...meanSd(mine.map((m) => m.rates[t]!)), perSeed: mine.map((m) => m.rates[t]!) })),
      medianCosine: meanSd(mine.map((m) => m.medianCosine)).mean,
      l0: meanSd(mine.map((m) => m.l0)).mean,
      fvu: meanSd(mine.map((m) => m.fvu)).mean,
      dead: meanSd(mine.map((m) => m.dead)).mean,
      seconds: mine.reduce((sum, m) => sum + m.seconds, 0),
    };
  });
  return { data, settings, rows, table: markdownTable(rows, settings.thresholds) };
}

function markdownTable(rows: RecoveryRow[], thresholds: number[]): string {
  const paperCell = (row: RecoveryRow) => (row.paper ? `${row.paper.tau80} / ${row.paper.tau90} (${row.paper.name})` : '–');
  return [
    `| SAE | width | steps (bias updates) | ${thresholds.map((t) => `ours τ=${t} (%)`).join(' | ')} | median best cos | L0 | FVU | dead (%) | paper τ=0.8 / 0.9 (%) |`,
    `|---|---:|---:|${'---:|'.repeat(thresholds.length)}---:|---:|---:|---:|---|`,
    ...rows.map((row) =>
      `| ${row.name} | ${row.width} | ${row.steps}${row.biasUpdates === undefined ? '' : ` (${row.biasUpdates})`} | ` +
      `${row.recovery.map((c) => `${c.mean.toFixed(1)} ± ${c.sd.toFixed(1)}`).join(' | ')} | ${row.medianCosine.toFixed(3)} | ` +
      `${row.l0.toFixed(1)} | ${row.fvu.toFixed(3)} | ${(100 * row.dead).toFixed(1)} | ${paperCell(row)} |`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes(JOB_FLAG)) {
    await answerJob(process.argv);
  } else {
    const options = recoveryOptionsFromArgs(process.argv.slice(2));
    if (!options) {
      console.log(USAGE);
    } else {
      const started = performance.now();
      const result = await benchmarkRecovery({ ...options, log: (line) => console.error(line) });
      const { data: m, settings: s } = result;
      console.log(
        `Feature recovery: n=${m.features}, d=${m.dIn}, ${m.samples} samples (half s=${m.sparsities[0]}, half s=${m.sparsities[1]}), ` +
        `coefficients ${m.coefficients}, scale ${m.scale}; batch ${s.batchSize}, lr ${s.lr}, seeds ${s.seeds.join(', ')}; ` +
          `width ${s.width}, ${s.steps} steps (gba: ${s.gbaSteps}) unless a row says otherwise\n`,
      );
      console.log(result.table);
      console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
}
