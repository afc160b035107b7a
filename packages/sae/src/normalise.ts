import { SaeError } from './sae-error.ts';

/**
 * SAELens' `normalize_activations` modes: `none`; `expected_average_only_in` (every input times
 * one factor s, estimated before training so that E‖s·x‖ = √d_in); `constant_norm_rescale` (each
 * row scaled to norm √d_in); `layer_norm` (each row centred and divided by its standard
 * deviation + 1e-5). The per-row modes are undone on the reconstruction, as SAELens does.
 */
export const NORMALIZE_MODES = ['none', 'expected_average_only_in', 'constant_norm_rescale', 'layer_norm'] as const;
export type NormalizeActivations = (typeof NORMALIZE_MODES)[number];

/** How an SAE's inputs are normalised: the mode and, for `expected_average_only_in`, its factor. */
export interface InputNormalisation {
  mode: NormalizeActivations;
  /** expected_average_only_in: the factor s inputs are multiplied by (1 otherwise). */
  scale: number;
}

const LAYER_NORM_EPS = 1e-5;

export function validateNormalizeMode(mode: string): NormalizeActivations {
  if (!(NORMALIZE_MODES as readonly string[]).includes(mode)) {
    throw new SaeError(`normalizeActivations ${JSON.stringify(mode)} is not supported; supported: ${NORMALIZE_MODES.join(', ')}.`);
  }
  return mode as NormalizeActivations;
}

/** expected_average_only_in's factor: √d_in / mean‖x‖ over the sample (1 when the sample is all zeros). */
export function estimateActivationScale(sample: Float32Array, rows: number, dIn: number): number {
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let squares = 0;
    for (let d = i * dIn; d < (i + 1) * dIn; d++) squares += sample[d]! * sample[d]!;
    total += Math.sqrt(squares);
  }
  return total > 0 ? Math.sqrt(dIn) / (total / rows) : 1;
}

/** Row i's (scale, shift) such that its normalised form is (x − shift)·scale. */
function rowScaleShift(x: Float32Array, o: number, dIn: number, norm: InputNormalisation): [number, number] {
  if (norm.mode === 'expected_average_only_in') return [norm.scale, 0];
  if (norm.mode === 'constant_norm_rescale') {
    let squares = 0;
    for (let d = o; d < o + dIn; d++) squares += x[d]! * x[d]!;
    // A zero row stays as it is.
    return [squares > 0 ? Math.sqrt(dIn / squares) : 1, 0];
  }
  if (norm.mode === 'layer_norm') {
    let sum = 0;
    for (let d = o; d < o + dIn; d++) sum += x[d]!;
    const mean = sum / dIn;
    let squares = 0;
    for (let d = o; d < o + dIn; d++) squares += (x[d]! - mean) ** 2;
    // torch's x.std() (SAELens): the unbiased estimate.
    return [1 / (Math.sqrt(squares / Math.max(1, dIn - 1)) + LAYER_NORM_EPS), mean];
  }
  return [1, 0];
}

/** Normalises `rows` rows of `x` in place: x̃ = (x − shift)·scale per row. */
export function normaliseRows(x: Float32Array, rows: number, dIn: number, norm: InputNormalisation): void {
  if (norm.mode === 'none') return;
  for (let i = 0; i < rows; i++) {
    const o = i * dIn;
    const [scale, shift] = rowScaleShift(x, o, dIn, norm);
    for (let d = o; d < o + dIn; d++) x[d] = (x[d]! - shift) * scale;
  }
}

/**
 * Maps reconstructions made in the normalised space back to the inputs' space in place
 * (x̂ = x̂̃ / scale + shift), each row with the scale and shift of its input row in `x`.
 */
export function denormaliseReconstruction(x: Float32Array, reconstruction: Float32Array, rows: number, dIn: number, norm: InputNormalisation): void {
  if (norm.mode === 'none') return;
  for (let i = 0; i < rows; i++) {
    const o = i * dIn;
    const [scale, shift] = rowScaleShift(x, o, dIn, norm);
    for (let d = o; d < o + dIn; d++) reconstruction[d] = reconstruction[d]! / scale + shift;
  }
}

/** A normalised copy of `rows` rows of x (x itself when the mode is `none`). */
export function normalisedCopy(x: Float32Array, rows: number, dIn: number, norm: InputNormalisation): Float32Array {
  if (norm.mode === 'none') return x;
  const copy = x.slice(0, rows * dIn);
  normaliseRows(copy, rows, dIn, norm);
  return copy;
}

/** The SAE's normalisation, from its config (scale 1 unless expected_average_only_in). */
export function normalisationOf(cfg: { normalizeActivations: NormalizeActivations; activationScale?: number }): InputNormalisation {
  return { mode: cfg.normalizeActivations, scale: cfg.normalizeActivations === 'expected_average_only_in' ? (cfg.activationScale ?? 1) : 1 };
}
