/** Pure parts of the steering panel: strength defaults and the baseline/steered token comparison. */

/** The API's bound on |strength| (see `steer` in the schema). */
export const MAX_STRENGTH = 200;
export const DEFAULT_MAX_TOKENS = 32;
export const MAX_TOKENS = 128;

/**
 * Strength is in units of the feature's activation. A feature firing at its maximum adds
 * max × its decoder row; a visible push usually takes a few times that, so the panel starts at
 * 4 × max activation (rounded, within the API's ±200, at least 1).
 */
export function defaultStrength(maxActivation: number): number {
  if (!(maxActivation > 0)) return 10;
  return Math.min(MAX_STRENGTH, Math.max(1, Math.round(4 * maxActivation)));
}

/** Clamps a typed strength into the allowed range; NaN (an empty field) becomes 0. */
export function clampStrength(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(MAX_STRENGTH, Math.max(-MAX_STRENGTH, value));
}

/** Index of the first token where the steered continuation leaves the baseline (its length when they agree throughout). */
export function divergedFrom(baseline: readonly string[], steered: readonly string[]): number {
  const shared = Math.min(baseline.length, steered.length);
  for (let i = 0; i < shared; i += 1) if (baseline[i] !== steered[i]) return i;
  return baseline.length === steered.length ? steered.length : shared;
}
