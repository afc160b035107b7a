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
