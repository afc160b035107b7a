import { SaeError } from '../sae-error.ts';

/**
 * Group Bias Adaptation (Chen, Sheen, Xiong, Wang & Yang, "Taming Polysemanticity in LLMs:
 * Provable Feature Recovery via Sparse Autoencoders", 2025): the rule that moves the neurons'
 * biases. Neurons are split into `groups` contiguous groups whose target firing frequencies are
 * spaced geometrically from `maxFrequency` down to `minFrequency`, and every `interval` steps each
 * neuron's bias is moved from what it did over those steps (r = the neuron's largest gate margin
 * u + b over the window, s̄ = the mean of its group's positive r, bias clamped to [−1, 0],
 * γ₊ = γ₋). The biases get no gradient; the SAE this rule drives is `architectures/gba.ts`.
 */
export interface GbaSettings {
  /** K, number of neuron groups (default 10). */
  groups: number;
  /** T, steps between bias updates (default 50). */
  interval: number;
  /** Target firing frequency of the first group (default 0.5). */
  maxFrequency: number;
  /** Target firing frequency of the last group (default 1e-3). */
  minFrequency: number;
  /** γ, the bias step (default 0.01). */
  step: number;
  /** ε: a neuron firing on fewer than this fraction of the window's rows is dead (default 1e-6: never fired). */
  deadFrequency: number;
  /**
   * Where the biases start: `zero` (the paper: every b = 0, so every neuron with a positive
   * projection fires at first) or `quantile` (not in the paper: each neuron's b starts at minus its
   * group's target quantile of its initial projections, so it fires at its target rate from step 1).
   */
  biasStart: GbaBiasStart;
}

export const GBA_BIAS_STARTS = ['zero', 'quantile'] as const;
export type GbaBiasStart = (typeof GBA_BIAS_STARTS)[number];
/** Whether gba's output scales and pre-bias are held fixed while the neurons learn (then a is fitted) or trained with them. */
export const GBA_OUTPUT_SCALES = ['fixed', 'trained'] as const;
export type GbaOutputScales = (typeof GBA_OUTPUT_SCALES)[number];

export const DEFAULT_GBA: GbaSettings = {
  groups: 10, interval: 50, maxFrequency: 0.5, minFrequency: 1e-3, step: 0.01, deadFrequency: 1e-6, biasStart: 'zero',
};

export function validateGba(settings: GbaSettings, width: number): GbaSettings {
  const { groups, interval, maxFrequency, minFrequency, step, deadFrequency, biasStart } = settings;
  const fail = (problem: string): never => {
    throw new SaeError(`gba: ${problem}`);
  };
  if (!Number.isSafeInteger(groups) || groups < 1 || groups > width) fail(`gbaGroups must be an integer in [1, width = ${width}], got ${groups}.`);
  if (!Number.isSafeInteger(interval) || interval < 1) fail(`gbaInterval must be a positive integer, got ${interval}.`);
  if (!(maxFrequency > 0 && maxFrequency <= 1)) fail(`gbaMaxFrequency must be in (0, 1], got ${maxFrequency}.`);
  if (!(minFrequency > 0 && minFrequency <= maxFrequency)) fail(`gbaMinFrequency must be in (0, gbaMaxFrequency], got ${minFrequency}.`);
  if (!(step > 0) || !Number.isFinite(step)) fail(`gbaStep must be a positive number, got ${step}.`);
  if (!(deadFrequency >= 0 && deadFrequency < 1)) fail(`gbaDeadFrequency must be in [0, 1), got ${deadFrequency}.`);
  if (!(GBA_BIAS_STARTS as readonly string[]).includes(biasStart)) fail(`gbaBiasStart must be one of ${GBA_BIAS_STARTS.join(', ')}, got ${JSON.stringify(biasStart)}.`);
  return settings;
}

/** Group targets f_g = max·(min/max)^(g/(K−1)) and each neuron's group (contiguous blocks). */
export function gbaGroups(width: number, settings: GbaSettings): { target: Float64Array; group: Int32Array } {
  const { groups: K, maxFrequency, minFrequency } = settings;
  const target = Float64Array.from({ length: K }, (_, g) => (K === 1 ? maxFrequency : maxFrequency * (minFrequency / maxFrequency) ** (g / (K - 1))));
  const group = Int32Array.from({ length: width }, (_, j) => Math.floor((j * K) / width));
  return { target, group };
}

/**
 * One GBA bias update, in place. `fired[j]` counts the window's rows on which neuron j fired (its
 * gate margin u + b > 0) and `maxPre[j]` is its largest margin. Per neuron: p̂ = fired[j] / rows, r = max(0, maxPre[j]);
 * if p̂ > target of its group: b ← max(b − γ·r, −1); else if p̂ < ε (dead):
 * b ← min(b + γ·s̄, 0), s̄ = mean of the positive r over the group (no change if none is positive).
 * Returns how many biases went down and up.
 */
export function gbaBiasUpdate(
  b_enc: Float32Array,
  fired: ArrayLike<number>,
  maxPre: ArrayLike<number>,
  rows: number,
  groups: { target: Float64Array; group: Int32Array },
  settings: Pick<GbaSettings, 'step' | 'deadFrequency'>,
): { lowered: number; raised: number } {
  const width = b_enc.length;
  const K = groups.target.length;
  const positiveSum = new Float64Array(K);
  const positiveCount = new Float64Array(K);
  for (let j = 0; j < width; j++) {
    const r = maxPre[j]!;
    if (r > 0) {
      const g = groups.group[j]!;
      positiveSum[g] = positiveSum[g]! + r;
      positiveCount[g] = positiveCount[g]! + 1;
    }
  }
  const { step: gamma, deadFrequency } = settings;
  let lowered = 0;
  let raised = 0;
  for (let j = 0; j < width; j++) {
    const g = groups.group[j]!;
    const p = fired[j]! / rows;
    const r = Math.max(0, maxPre[j]!);
    if (p > groups.target[g]!) {
      b_enc[j] = Math.max(b_enc[j]! - gamma * r, -1);
      lowered++;
    } else if (p < deadFrequency && positiveCount[g]! > 0) {
      b_enc[j] = Math.min(b_enc[j]! + (gamma * positiveSum[g]!) / positiveCount[g]!, 0);
      raised++;
    }
  }
  return { lowered, raised };
}

/** Per-neuron firing counts and largest gate margins over the current window of steps. */
export class GbaWindow {
  readonly fired: Float64Array;
  readonly maxPre: Float32Array;
  rows = 0;

  constructor(width: number) {
    this.fired = new Float64Array(width);
    this.maxPre = new Float32Array(width).fill(-Infinity);
  }

  /** Adds one encoded chunk's statistics (the graph's per-neuron count of firing rows and largest margin). */
  record(fired: Float32Array, maxPre: Float32Array, rows: number): void {
    for (let j = 0; j < fired.length; j++) {
      this.fired[j] = this.fired[j]! + fired[j]!;
      if (maxPre[j]! > this.maxPre[j]!) this.maxPre[j] = maxPre[j]!;
    }
    this.rows += rows;
  }

  reset(): void {
    this.fired.fill(0);
    this.maxPre.fill(-Infinity);
    this.rows = 0;
  }
}
