/** Float64 references for the relu, batchtopk and jumprelu losses, written for clarity. */
import { densePre } from './reference.ts';
import type { RefParams } from './reference.ts';

export interface ArchitectureRef {
  architecture: 'relu' | 'batchtopk' | 'jumprelu';
  /** batchtopk: k·rows kept per batch. */
  k?: number;
  /** relu: L1 λ; jumprelu: L0 λ. */
  coefficient?: number;
  /** jumprelu: θ per latent (not log). */
  threshold?: ArrayLike<number>;
}

/** Codes z [rows][width] (dense) for the architecture. */
export function denseCodes(pre: number[][], ref: ArchitectureRef): number[][] {
  if (ref.architecture === 'relu') return pre.map((row) => row.map((v) => Math.max(0, v)));
  if (ref.architecture === 'jumprelu') return pre.map((row) => row.map((v, j) => (v > ref.threshold![j]! ? v : 0)));
  const flat = pre.flat().map((v) => Math.max(0, v)).filter((v) => v > 0).sort((a, b) => b - a);
  const keep = ref.k! * pre.length;
  const cut = flat.length > keep ? flat[keep - 1]! : 0;
  return pre.map((row) => row.map((v) => (v > 0 && v >= cut ? v : 0)));
}

/** mean_i ‖x_i − x̂_i‖² (+ the architecture's penalty). */
export function architectureLoss(
  p: RefParams, x: ArrayLike<number>, rows: number, dIn: number, width: number, ref: ArchitectureRef,
): { total: number; reconstruction: number; penalty: number } {
  const pre = densePre(p, x, rows, dIn, width);
  const z = denseCodes(pre, ref);
  let reconstruction = 0;
  let penalty = 0;
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < dIn; d++) {
      let xhat = p.b_dec[d]!;
      for (let j = 0; j < width; j++) xhat += z[i]![j]! * p.W_dec[j * dIn + d]!;
      reconstruction += (x[i * dIn + d]! - xhat) ** 2;
    }
    for (let j = 0; j < width; j++) {
      if (ref.architecture === 'relu') {
        let norm = 0;
        for (let d = 0; d < dIn; d++) norm += p.W_dec[j * dIn + d]! ** 2;
        penalty += ref.coefficient! * z[i]![j]! * Math.sqrt(norm);
      } else if (ref.architecture === 'jumprelu' && z[i]![j]! > 0) {
        penalty += ref.coefficient!;
      }
    }
  }
  return { total: (reconstruction + penalty) / rows, reconstruction: reconstruction / rows, penalty: penalty / rows };
}

/**
 * The straight-through gradient of the jumprelu loss with respect to log θ (SAELens / Gemma
 * Scope): θ_j · Σ_i K_ij · (−(θ_j/ε)·∂L/∂z_ij − λ/(B·ε)), K_ij = 1 when |pre_ij − θ_j| < ε/2.
 */
export function jumpReluLogThresholdGradient(
  p: RefParams, x: ArrayLike<number>, rows: number, dIn: number, width: number,
  threshold: ArrayLike<number>, coefficient: number, bandwidth: number,
): Float64Array {
  const pre = densePre(p, x, rows, dIn, width);
  const z = denseCodes(pre, { architecture: 'jumprelu', threshold });
  const grad = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const residual: number[] = [];
    for (let d = 0; d < dIn; d++) {
      let xhat = p.b_dec[d]!;
      for (let j = 0; j < width; j++) xhat += z[i]![j]! * p.W_dec[j * dIn + d]!;
      residual.push((2 / rows) * (xhat - x[i * dIn + d]!));
    }
    for (let j = 0; j < width; j++) {
      const theta = threshold[j]!;
      if (Math.abs(pre[i]![j]! - theta) >= bandwidth / 2) continue;
      let g = 0;
      for (let d = 0; d < dIn; d++) g += residual[d]! * p.W_dec[j * dIn + d]!;
      grad[j] = grad[j]! + theta * (-(theta / bandwidth) * g - coefficient / (rows * bandwidth));
    }
  }
  return grad;
}

/** The tied GBA SAE's parameters (`architectures/gba.ts`): neuron vectors W [width, dIn], output scales a, pre-bias, gate biases b. */
export interface TiedRefParams {
  W: ArrayLike<number>;
  a: ArrayLike<number>;
  bPre: ArrayLike<number>;
  b: ArrayLike<number>;
}

/** u_im = w_m·(x_i − b_pre), one array per row. */
export function tiedProjections(p: TiedRefParams, x: ArrayLike<number>, rows: number, dIn: number, width: number): number[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: width }, (_, m) => {
      let u = 0;
      for (let d = 0; d < dIn; d++) u += p.W[m * dIn + d]! * (x[i * dIn + d]! - p.bPre[d]!);
      return u;
    }),
  );
}

/** mean_i ‖x_i − x̂_i‖², x̂ = Σ_m a_m·u_m·[u_m + b_m > 0]·w_m + b_pre. */
export function tiedLoss(p: TiedRefParams, x: ArrayLike<number>, rows: number, dIn: number, width: number): number {
  const u = tiedProjections(p, x, rows, dIn, width);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < dIn; d++) {
      let xhat = p.bPre[d]!;
      for (let m = 0; m < width; m++) if (u[i]![m]! + p.b[m]! > 0) xhat += p.a[m]! * u[i]![m]! * p.W[m * dIn + d]!;
      total += (x[i * dIn + d]! - xhat) ** 2;
    }
  }
  return total / rows;
}
