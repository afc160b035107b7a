import type { AdamHyper, VectorKernels } from '../kernels/choose-kernels.ts';

export interface AdamSettings {
  beta1: number;
  beta2: number;
  eps: number;
}

export const DEFAULT_ADAM: AdamSettings = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** Adam moments for one parameter array. */
export interface AdamState {
  m: Float32Array;
  v: Float32Array;
}

export function createAdamState(size: number, kernels?: VectorKernels): AdamState {
  return kernels ? { m: kernels.alloc(size), v: kernels.alloc(size) } : { m: new Float32Array(size), v: new Float32Array(size) };
}

/** The kernel arguments for learning rate `lr` at step `t` (1-based), bias corrections included. */
export function adamHyper(lr: number, t: number, { beta1, beta2, eps }: AdamSettings = DEFAULT_ADAM): AdamHyper {
  return { beta1, beta2, eps, stepSize: lr / (1 - beta1 ** t), c2: 1 / (1 - beta2 ** t) };
}
