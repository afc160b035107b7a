import type { TrainSaeOptions } from '../../src/index.ts';

/** The benchmark's rows: each architecture's options and, where the paper has one, its figure. */
export interface RecoveryRun {
  /** Row label, e.g. "topk k=20". */
  name: string;
  /** The architecture and its options; `width` and `steps` here override the benchmark's. */
  options: Partial<TrainSaeOptions> & Pick<TrainSaeOptions, 'architecture'>;
  /** The paper's row this one stands beside, if it has one. */
  paper?: PaperRecovery;
}

export interface PaperRecovery {
  name: string;
  tau80: number;
  tau90: number;
}

/** The paper's table (n=128, d=42, half s=3 / half s=20), recovery in percent. */
export const GBA_PAPER_RECOVERY = {
  gba: { name: 'GBA', tau80: 100, tau90: 100 },
  topk20: { name: 'TopK k=20', tau80: 100, tau90: 98.4 },
  topk30: { name: 'TopK k=30', tau80: 98.4, tau90: 24.2 },
  topk50: { name: 'TopK k=50', tau80: 94.5, tau90: 23.4 },
} satisfies Record<string, PaperRecovery>;

const paper = GBA_PAPER_RECOVERY;
/** The benchmark's rows by key (`--runs` picks some). */
export const RECOVERY_RUNS: Record<string, RecoveryRun> = {
  'gba': { name: 'gba (paper: K=10, 0.5→1e-3, T=50, γ=0.01, b from 0)', options: { architecture: 'gba' }, paper: paper.gba },
  'gba-quantile': { name: 'gba, b from target quantiles (not the paper)', options: { architecture: 'gba', gbaBiasStart: 'quantile' } },
  'topk20': { name: 'topk k=20', options: { architecture: 'topk', k: 20 }, paper: paper.topk20 },
  'topk30': { name: 'topk k=30', options: { architecture: 'topk', k: 30 }, paper: paper.topk30 },
  'topk50': { name: 'topk k=50', options: { architecture: 'topk', k: 50 }, paper: paper.topk50 },
  'relu': { name: 'relu (L1 λ=0.1)', options: { architecture: 'relu', l1Coefficient: 0.1 } },
  'jumprelu': { name: 'jumprelu (L0 λ=0.05)', options: { architecture: 'jumprelu', l0Coefficient: 0.05, bandwidth: 0.1, initialThreshold: 0.1 } },
  'mp': { name: 'mp k=20', options: { architecture: 'mp', k: 20 } },
  // Control: the measure works on this data when the code is as sparse as most samples.
  'control': { name: 'topk k=3 (control)', options: { architecture: 'topk', k: 3 } },
};
export const DEFAULT_RUN_KEYS = Object.keys(RECOVERY_RUNS);

/** GBA over a grid of widths and steps (both bias starts): `--sweep`. */
export function gbaSweep(widths: number[], steps: number[]): RecoveryRun[] {
  return widths.flatMap((width) =>
    steps.flatMap((count) => (['gba', 'gba-quantile'] as const).map((key) => ({
      name: RECOVERY_RUNS[key]!.name,
      options: { ...RECOVERY_RUNS[key]!.options, width, steps: count },
      ...(key === 'gba' ? { paper: paper.gba } : {}),
    }))),
  );
}

