/**
 * The tiny GPT-NeoX's forward pass in plain TypeScript (float64 sums): LayerNorm, fused QKV in
 * NeoX's per-head layout, partial rotary embeddings, causal attention with a key padding mask
 * (right padding), exact GELU, parallel or sequential residual, untied output head.
 */
import { layerNorm, linear, type ReferenceOutputs } from './reference.ts';
import { neoxRotaryTables, NEOX_MASK_VALUE, type TinyNeoxWeights } from './tiny-neox.ts';

const gelu = (a: number) => 0.5 * a * (1 + erf(a / Math.SQRT2));

/** erf to ~1e-7 (Abramowitz–Stegun 7.1.26 is too coarse for a 1e-4 check; this is a series / continued fraction). */
function erf(x: number): number {
  const t = Math.abs(x);
  if (t < 2.5) {
    let term = t;
    let sum = t;
    for (let n = 1; n < 60; n++) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let fraction = 0;
  for (let n = 60; n >= 1; n--) fraction = n / 2 / (t + fraction);
  return Math.sign(x) * (1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + fraction));
}

/** Forward pass of `writeTinyNeox` weights; `mask` (1 = token) hides padded keys like the graph's attention_mask. */
export function neoxReference(w: TinyNeoxWeights, ids: readonly (readonly number[])[], options: { mask?: readonly (readonly number[])[] } = {}): ReferenceOutputs {
  const { dModel: D, headCount: H, headDim: hd, rotaryDims: rd, dMlp: F, vocabSize: V } = w;
  const B = ids.length;
  const T = ids[0]!.length;
  const { cos, sin } = neoxRotaryTables(w);
  let x = new Float32Array(B * T * D);
  ids.flat().forEach((id, r) => x.set(w.embed.subarray(id * D, (id + 1) * D), r * D));
  const out: ReferenceOutputs = { residPre: [], residMid: [], residPost: [], z: [], attnOut: [], mlpOut: [], logits: new Float32Array() };
  const mlpOf = (input: Float32Array, block: TinyNeoxWeights['blocks'][number]) =>
    linear(linear(layerNorm(input, D, block.ln2, w.eps), block.wfc, block.bfc, D, F).map(gelu), block.wproj, block.bproj, F, D);
  for (const block of w.blocks) {
    out.residPre.push(x);
    const qkv = linear(layerNorm(x, D, block.ln1, w.eps), block.wqkv, block.bqkv, D, 3 * D);
    // [row, head, part (q/k/v), dim], rotary applied to the first rd dims of q and k at position t.
    const at = (r: number, h: number, part: number, d: number) => {
      const base = r * 3 * D + h * 3 * hd + part * hd;
      if (part === 2 || d >= rd) return qkv[base + d]!;
      const t = r % T;
      const rotated = d < rd / 2 ? -qkv[base + d + rd / 2]! : qkv[base + d - rd / 2]!;
      return qkv[base + d]! * cos[t * rd + d]! + rotated * sin[t * rd + d]!;
    };
    const z = new Float32Array(B * T * D);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        for (let i = 0; i < T; i++) {
          const scores = Array.from({ length: T }, (_, j) => {
            let dot = 0;
            for (let d = 0; d < hd; d++) dot += at(b * T + i, h, 0, d) * at(b * T + j, h, 1, d);
            const hidden = (j > i ? NEOX_MASK_VALUE : 0) + (options.mask && !options.mask[b]![j] ? NEOX_MASK_VALUE : 0);
            return dot / Math.sqrt(hd) + hidden;
          });
          const max = Math.max(...scores);
          const exps = scores.map((s) => Math.exp(s - max));
          const total = exps.reduce((sum, e) => sum + e, 0);
          for (let d = 0; d < hd; d++) {
            let sum = 0;
            for (let j = 0; j < T; j++) sum += (exps[j]! / total) * at(b * T + j, h, 2, d);
            z[(b * T + i) * D + h * hd + d] = sum;
          }
        }
      }
    }
    out.z.push(z);
    const attn = linear(z, block.wo, block.bo, D, D);
    out.attnOut.push(attn);
    const mid = x.map((value, i) => value + attn[i]!);
    out.residMid.push(mid);
    const mlp = mlpOf(w.residual === 'sequential' ? mid : x, block);
    out.mlpOut.push(mlp);
    x = mid.map((value, i) => value + mlp[i]!);
    out.residPost.push(x);
  }
  out.logits = linear(layerNorm(x, D, w.lnf, w.eps), w.embedOut, null, D, V);
  return out;
}
