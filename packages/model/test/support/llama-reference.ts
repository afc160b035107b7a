/**
 * The tiny LLaMA's forward pass in plain TypeScript (float64 sums): RMSNorm, rotary embeddings,
 * grouped-query causal attention with a key padding mask (right padding), SwiGLU MLP, untied head.
 */
import { linear } from './reference.ts';
import { rotaryTables, type TinyLlamaWeights } from './tiny-llama.ts';

export interface LlamaReference {
  /** Per layer, [batch * seqLen, width]. */
  residPre: Float32Array[];
  z: Float32Array[];
  attnOut: Float32Array[];
  residMid: Float32Array[];
  mlpOut: Float32Array[];
  residPost: Float32Array[];
  logits: Float32Array;
}

export function rmsNorm(x: Float32Array, width: number, scale: Float32Array, eps: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let r = 0; r < x.length / width; r++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += x[r * width + j]! ** 2;
    const inv = 1 / Math.sqrt(sum / width + eps);
    for (let j = 0; j < width; j++) out[r * width + j] = scale[j]! * x[r * width + j]! * inv;
  }
  return out;
}

/** Rotates each head of x [rows, heads·hd] at its row's position (HF rotate_half convention). */
function rotate(x: Float32Array, heads: number, hd: number, positions: number[], cos: Float32Array, sin: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  const half = hd / 2;
  positions.forEach((p, r) => {
    for (let h = 0; h < heads; h++) {
      const base = (r * heads + h) * hd;
      for (let i = 0; i < hd; i++) {
        const rotated = i < half ? -x[base + i + half]! : x[base + i - half]!;
        out[base + i] = x[base + i]! * cos[p * hd + i]! + rotated * sin[p * hd + i]!;
      }
    }
  });
  return out;
}

export function llamaReference(
  w: TinyLlamaWeights,
  ids: readonly (readonly number[])[],
  options: { mask?: readonly (readonly number[])[] } = {},
): LlamaReference {
  const { dModel: D, headCount: H, kvHeadCount: KV, headDim: hd, dMlp: F, vocabSize: V } = w;
  const B = ids.length;
  const T = ids[0]!.length;
  // HF position ids: count of real tokens before this one; padding gets 1.
  const positions = ids.flatMap((row, b) => {
    let seen = 0;
    return row.map((_, t) => (!options.mask || options.mask[b]![t] ? seen++ : 1));
  });
  const { cos, sin } = rotaryTables(w);
  let x = new Float32Array(B * T * D);
  ids.flat().forEach((id, r) => x.set(w.embed.subarray(id * D, (id + 1) * D).map((value) => value * w.embedScale), r * D));
  const out: LlamaReference = { residPre: [], z: [], attnOut: [], residMid: [], mlpOut: [], residPost: [], logits: new Float32Array() };
  for (const block of w.blocks) {
    out.residPre.push(x);
    const h = rmsNorm(x, D, block.inputNorm, w.eps);
    const q = rotate(linear(h, block.wq, null, D, H * hd), H, hd, positions, cos, sin);
    const k = rotate(linear(h, block.wk, null, D, KV * hd), KV, hd, positions, cos, sin);
    const v = linear(h, block.wv, null, D, KV * hd);
    const z = new Float32Array(B * T * H * hd);
    for (let b = 0; b < B; b++) {
      for (let head = 0; head < H; head++) {
        const kvHead = Math.floor(head / (H / KV));
        for (let i = 0; i < T; i++) {
          const scores = Array.from({ length: T }, (_, j) => {
            if (j > i || (options.mask && !options.mask[b]![j])) return -Infinity;
            let dot = 0;
            for (let d = 0; d < hd; d++) dot += q[((b * T + i) * H + head) * hd + d]! * k[((b * T + j) * KV + kvHead) * hd + d]!;
            return dot / Math.sqrt(hd);
          });
          const max = Math.max(...scores);
          // Right padding only: key 0 is always visible, so max is finite.
          const exps = scores.map((s) => Math.exp(s - max));
          const total = exps.reduce((a, e) => a + e, 0);
          for (let d = 0; d < hd; d++) {
            let sum = 0;
            for (let j = 0; j < T; j++) sum += (exps[j]! / total) * v[((b * T + j) * KV + kvHead) * hd + d]!;
            z[((b * T + i) * H + head) * hd + d] = sum;
          }
        }
      }
    }
    out.z.push(z);
    let attn = linear(z, block.wo, null, H * hd, D);
    if (block.attnOutNorm) attn = rmsNorm(attn, D, block.attnOutNorm, w.eps);
    out.attnOut.push(attn);
    const mid = x.map((value, i) => value + attn[i]!);
    out.residMid.push(mid);
    const h2 = rmsNorm(mid, D, block.postNorm, w.eps);
    const gate = linear(h2, block.wGate, null, D, F);
    const up = linear(h2, block.wUp, null, D, F);
    const act = gate.map((g, i) => (g / (1 + Math.exp(-g))) * up[i]!);
    let mlp = linear(act, block.wDown, null, F, D);
    if (block.mlpOutNorm) mlp = rmsNorm(mlp, D, block.mlpOutNorm, w.eps);
    out.mlpOut.push(mlp);
    x = mid.map((value, i) => value + mlp[i]!);
    out.residPost.push(x);
  }
  out.logits = linear(rmsNorm(x, D, w.norm, w.eps), w.lmHead, null, D, V);
  return out;
}
