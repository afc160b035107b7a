/**
 * The tiny GPT's forward pass in plain TypeScript (float64 accumulation), to check what the ONNX
 * graph computes. Also `layerNorm` and `unembed`, which tests use on real models.
 */
import { MASK_VALUE, type LayerNormWeights, type TinyGptWeights } from './tiny-gpt.ts';

/** LayerNorm over the last axis of row-major [rows, width]. */
export function layerNorm(x: Float32Array, width: number, ln: LayerNormWeights, eps: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let r = 0; r < x.length / width; r++) {
    let mean = 0;
    for (let j = 0; j < width; j++) mean += x[r * width + j]!;
    mean /= width;
    let variance = 0;
    for (let j = 0; j < width; j++) variance += (x[r * width + j]! - mean) ** 2;
    const inv = 1 / Math.sqrt(variance / width + eps);
    for (let j = 0; j < width; j++) out[r * width + j] = (x[r * width + j]! - mean) * inv * ln.scale[j]! + ln.bias[j]!;
  }
  return out;
}

/** x [rows, inner] · w [inner, cols] + b. */
export function linear(x: Float32Array, w: Float32Array, b: Float32Array | null, inner: number, cols: number): Float32Array {
  const rows = x.length / inner;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = b ? b[c]! : 0;
      for (let i = 0; i < inner; i++) sum += x[r * inner + i]! * w[i * cols + c]!;
      out[r * cols + c] = sum;
    }
  }
  return out;
}

/** Tied unembedding: x [rows, width] · embeddingᵀ where embedding is [vocab, width]. */
export function unembed(x: Float32Array, embedding: Float32Array, width: number): Float32Array {
  const rows = x.length / width;
  const vocab = embedding.length / width;
  const out = new Float32Array(rows * vocab);
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < vocab; v++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += x[r * width + j]! * embedding[v * width + j]!;
      out[r * vocab + v] = sum;
    }
  }
  return out;
}

export interface ReferenceOutputs {
  /** Per layer, [batch * seqLen, dModel]. */
  residPre: Float32Array[];
  residMid: Float32Array[];
  residPost: Float32Array[];
  /** Per layer: attention-weighted values before the output projection (`attn.hook_z`, one head). */
  z: Float32Array[];
  /** Per layer: the attention branch output (`hook_attn_out`) and the MLP branch output (`hook_mlp_out`). */
  attnOut: Float32Array[];
  mlpOut: Float32Array[];
  /** [batch * seqLen, vocab]. */
  logits: Float32Array;
}

/** Forward pass of `writeTinyGpt` weights; `mask` (1 = token) applies to keys like the graph's attention_mask. */
export function referenceForward(
  w: TinyGptWeights,
  ids: readonly (readonly number[])[],
  options: { mask?: readonly (readonly number[])[]; positions?: readonly (readonly number[])[] } = {},
): ReferenceOutputs {
  const D = w.dModel;
  const T = ids[0]!.length;
  const rows = ids.length * T;
  let x = new Float32Array(rows * D);
  ids.forEach((row, b) =>
    row.forEach((id, t) => {
      const position = options.positions?.[b]?.[t] ?? t;
      for (let j = 0; j < D; j++) x[(b * T + t) * D + j] = w.wte[id * D + j]! + w.wpe[position * D + j]!;
    }),
  );
  const out: ReferenceOutputs = {
    residPre: [], residMid: [], residPost: [], z: [], attnOut: [], mlpOut: [], logits: new Float32Array(),
  };
  for (const block of w.blocks) {
    out.residPre.push(x);
    const h = layerNorm(x, D, block.ln1, w.eps);
    const q = linear(h, block.wq, block.bq, D, D);
    const k = linear(h, block.wk, block.bk, D, D);
    const v = linear(h, block.wv, block.bv, D, D);
    const mixed = new Float32Array(rows * D);
    for (let b = 0; b < ids.length; b++) {
      for (let i = 0; i < T; i++) {
        const scores = Array.from({ length: T }, (_, j) => {
          let dot = 0;
          for (let d = 0; d < D; d++) dot += q[(b * T + i) * D + d]! * k[(b * T + j) * D + d]!;
          const padded = options.mask && !options.mask[b]![j];
          return dot / Math.sqrt(D) + (j > i ? MASK_VALUE : 0) + (padded ? MASK_VALUE : 0);
        });
        const max = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - max));
        const total = exps.reduce((a, e) => a + e, 0);
        for (let d = 0; d < D; d++) {
          let sum = 0;
          for (let j = 0; j < T; j++) sum += (exps[j]! / total) * v[(b * T + j) * D + d]!;
          mixed[(b * T + i) * D + d] = sum;
        }
      }
    }
    out.z.push(mixed);
    const attn = linear(mixed, block.wo, block.bo, D, D);
    out.attnOut.push(attn);
    const mid = x.map((value, i) => value + attn[i]!);
    out.residMid.push(mid);
    const fc = linear(layerNorm(mid, D, block.ln2, w.eps), block.wfc, block.bfc, D, w.dMlp).map((a) => Math.max(0, a));
    const mlp = linear(fc, block.wproj, block.bproj, w.dMlp, D);
    out.mlpOut.push(mlp);
    x = mid.map((value, i) => value + mlp[i]!);
    out.residPost.push(x);
  }
  out.logits = unembed(layerNorm(x, D, w.lnf, w.eps), w.wte, D);
  return out;
}
