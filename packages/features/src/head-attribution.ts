import { FeaturesError } from './features-error.ts';

/** SAEs on this hook read attention-weighted values with the heads concatenated: [n_heads · d_head]. */
const HEAD_OUTPUT_HOOK = /^blocks\.\d+\.attn\.hook_z$/;

/** Whether an SAE on this hook has per-head decoder slices (`blocks.L.attn.hook_z`). */
export function isAttentionHeadHook(hookName: string): boolean {
  return HEAD_OUTPUT_HOOK.test(hookName);
}

/**
 * Each head's share of each decoder row, for an SAE on `attn.hook_z` (W_dec row-major
 * [width, dIn], dIn = nHeads · dHead, head h owning columns h·dHead … (h+1)·dHead − 1):
 *
 *   share[j, h] = ‖W_dec[j, head h]‖² / ‖W_dec[j]‖²
 *
 * Squared norms, so a feature's shares sum to 1 (plain norms would not: by Cauchy–Schwarz their
 * ratios sum to between 1 and √nHeads). A zero decoder row gets all-zero shares. Returned
 * row-major [width, nHeads]. One pass over W_dec with no products between features, so it is a
 * plain loop rather than an ONNX graph.
 */
export function headAttributions(decoder: Float32Array, dIn: number, nHeads: number): Float32Array {
  if (!Number.isInteger(nHeads) || nHeads < 1 || dIn % nHeads !== 0) {
    throw new FeaturesError(`Cannot split a decoder row of ${dIn} values into ${nHeads} heads: d_in must be n_heads × d_head. Check the head count (n_head or num_attention_heads) in the model's config.json.`);
  }
  const width = decoder.length / dIn;
  if (!Number.isInteger(width)) {
    throw new FeaturesError(`W_dec has ${decoder.length} values, not a multiple of d_in ${dIn}; pass W_dec [width, d_in] and its d_in.`);
  }
  const dHead = dIn / nHeads;
  const shares = new Float32Array(width * nHeads);
  const headEnergy = new Float64Array(nHeads);
  for (let j = 0; j < width; j += 1) {
    let total = 0;
    for (let h = 0; h < nHeads; h += 1) {
      let energy = 0;
      const start = j * dIn + h * dHead;
      for (let i = start; i < start + dHead; i += 1) energy += decoder[i]! ** 2;
      headEnergy[h] = energy;
      total += energy;
    }
    if (total === 0) continue;
    for (let h = 0; h < nHeads; h += 1) shares[j * nHeads + h] = headEnergy[h]! / total;
  }
  return shares;
}
