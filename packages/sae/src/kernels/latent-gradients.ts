import type { LatentGroups } from './latent-groups.ts';
import type { VectorKernels } from './vector-kernels.ts';

/**
 * The two sparse passes of the backward pass that touch decoder/encoder rows (`gradients.ts`
 * holds the rest): the reconstruction of a row from its codes, and the latent-grouped gradients
 * of a block of rows. Both batch four rows per kernel call and keep every sum in the order of
 * the one-row-at-a-time loops, so results are bit-identical to them.
 */

/** A block's per-row data (kernel memory) and its (row, latent) pairs, filled by the caller. */
export interface LatentBlock {
  groups: LatentGroups;
  /** ∂L/∂x̂ per row of the block, [blockRows, dIn]. */
  residualGrads: Float32Array;
  /** x − b_dec per row of the block, [blockRows, dIn]. */
  centred: Float32Array;
  /** Float64 scratch for `dot4`'s four results. */
  dots: Float64Array;
}

/** The gradient arrays the grouped pass adds to (W_dec and W_encT rows in kernel memory). */
export interface LatentGradients {
  W_dec: Float32Array;
  W_encT: Float32Array;
  b_enc: Float32Array;
}

/** reconstruction = b_dec + Σ_s z_s·W_dec[j_s] over one row's positive codes, in slot order, four rows a call. */
export function reconstructRow(
  reconstruction: Float32Array, b_dec: Float32Array, W_dec: Float32Array, values: Float32Array, indices: Int32Array,
  codeOffset: number, k: number, dIn: number, kernels: VectorKernels,
): void {
  reconstruction.set(b_dec);
  let s = codeOffset;
  const end = codeOffset + k;
  const nextActive = () => {
    while (s < end && values[s]! <= 0) s++;
    return s++;
  };
  for (;;) {
    const s1 = nextActive();
    const s2 = nextActive();
    const s3 = nextActive();
    const s4 = nextActive();
    if (s4 >= end) {
      for (const slot of [s1, s2, s3]) if (slot < end) kernels.axpy(reconstruction, 0, W_dec, indices[slot]! * dIn, values[slot]!, dIn);
      return;
    }
    kernels.axpy4(
      reconstruction, 0, W_dec, indices[s1]! * dIn, values[s1]!, indices[s2]! * dIn, values[s2]!,
      indices[s3]! * dIn, values[s3]!, indices[s4]! * dIn, values[s4]!, dIn,
    );
  }
}

/**
 * ∂L/∂W_dec, ∂L/∂b_enc and ∂L/∂W_enc from one block, latent by latent: for each row i that
 * selected latent j, ∂L/∂z = g_i·W_dec[j] (and ∂L/∂W_dec[j] += z·g_i); ReLU and TopK pass it on
 * to pre[j], so ∂L/∂b_enc[j] += ∂L/∂pre and ∂L/∂W_encT[j] += ∂L/∂pre·(x_i − b_dec). With l1,
 * λ/B·z‖W_dec[j]‖ adds λ/B·‖W_dec[j]‖ to ∂L/∂z (its W_dec part is in finishBackward).
 */
export function accumulateLatentGradients(
  kernels: VectorKernels, block: LatentBlock, W_dec: Float32Array, grads: LatentGradients, dIn: number,
  l1Scale: number, norms: Float32Array | undefined,
): void {
  const { groups, residualGrads, centred, dots } = block;
  const gb_enc = grads.b_enc;
  const width = gb_enc.length;
  groups.group(width);
  const { start, rows, values } = groups;
  for (let j = 0; j < width; j++) {
    const end = start[j + 1]!;
    const wo = j * dIn;
    const l1Term = norms ? l1Scale * norms[j]! : 0;
    let p = start[j]!;
    // Four rows at a time: their ∂L/∂pre first (W_dec[j] is not changed by the pass), then each
    // gradient row takes all four in one kernel call. Every gradient row still adds its rows in
    // ascending order, so the sums are the same as one row at a time.
    for (; p + 4 <= end; p += 4) {
      const [r1, r2, r3, r4] = [rows[p]! * dIn, rows[p + 1]! * dIn, rows[p + 2]! * dIn, rows[p + 3]! * dIn];
      const [z1, z2, z3, z4] = [values[p]!, values[p + 1]!, values[p + 2]!, values[p + 3]!];
      kernels.dot4(W_dec, wo, residualGrads, r1, r2, r3, r4, dots, dIn);
      let [d1, d2, d3, d4] = [dots[0]!, dots[1]!, dots[2]!, dots[3]!];
      if (norms) {
        d1 += l1Term;
        d2 += l1Term;
        d3 += l1Term;
        d4 += l1Term;
      }
      gb_enc[j] = gb_enc[j]! + d1;
      gb_enc[j] = gb_enc[j]! + d2;
      gb_enc[j] = gb_enc[j]! + d3;
      gb_enc[j] = gb_enc[j]! + d4;
      kernels.axpy4(grads.W_dec, wo, residualGrads, r1, z1, r2, z2, r3, z3, r4, z4, dIn);
      kernels.axpy4(grads.W_encT, wo, centred, r1, d1, r2, d2, r3, d3, r4, d4, dIn);
    }
    for (; p < end; p++) {
      const ro = rows[p]! * dIn;
      let dPre = kernels.dotAxpy(residualGrads, ro, W_dec, wo, grads.W_dec, wo, values[p]!, dIn);
      if (norms) dPre += l1Term;
      gb_enc[j] = gb_enc[j]! + dPre;
      kernels.axpy(grads.W_encT, wo, centred, ro, dPre, dIn);
    }
  }
}

