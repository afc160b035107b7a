import { SaeError } from './sae-error.ts';

function positiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new SaeError(`${name} must be a positive integer, got ${value}.`);
  }
}

/** Checks k against the width: 1 <= k <= width. */
export function validateK(k: number, width: number): void {
  positiveInteger('width', width);
  if (!Number.isSafeInteger(k) || k < 1) throw new SaeError(`k must be an integer >= 1, got ${k}.`);
  if (k > width) throw new SaeError(`k (${k}) must not exceed the SAE width (${width}).`);
}

/**
 * Checks that `activations` holds `rows × dIn` finite values, naming the first row with a
 * NaN or infinity.
 */
export function validateActivations(activations: Float32Array, rows: number, dIn: number): void {
  if (!(activations instanceof Float32Array)) {
    throw new SaeError(`activations must be a Float32Array, got ${(activations as object)?.constructor?.name}.`);
  }
  positiveInteger('dIn', dIn);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new SaeError(`rows must be a positive integer, got ${rows}.`);
  if (rows * dIn !== activations.length) {
    throw new SaeError(
      `activations has ${activations.length} values but rows × dIn = ${rows} × ${dIn} = ${rows * dIn}.`,
    );
  }
  for (let i = 0; i < activations.length; i++) {
    const value = activations[i]!;
    if (value - value !== 0) {
      const row = Math.floor(i / dIn);
      throw new SaeError(
        `activations contain ${Number.isNaN(value) ? 'NaN' : 'an infinite value'} in row ${row} ` +
          `(column ${i - row * dIn}), the first row with a non-finite value.`,
      );
    }
  }
}

/** `value` (or `fallback` when absent), which must be a positive finite number. */
export function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(v > 0) || !Number.isFinite(v)) throw new SaeError(`${name} must be a positive number, got ${value}.`);
  return v;
}
