import { denseTopK } from './dense-topk.ts';

export interface TokenEffect {
  tokenId: number;
  /** W_dec[f] · W_U[:, token]. */
  value: number;
}

export interface LogitEffects {
  /** Tokens the decoder direction promotes most, largest first. */
  positive: TokenEffect[];
  /** Tokens it suppresses most, most negative first. */
  negative: TokenEffect[];
}

export interface LogitEffectOptions {
  /** Tokens per direction (default 10). */
  count?: number;
  blockRows?: number;
  threads?: number;
  /**
   * Rank only these tokens (e.g. those the model saw in training: a byte-level vocabulary keeps
   * all 256 bytes and unused merges, whose unembedding rows were never trained). Default: all.
   */
  tokenIds?: readonly number[];
}

/** The unembedding rows of `tokenIds`, in that order. */
function gatherRows(unembedding: Float32Array, dIn: number, tokenIds: readonly number[]): Float32Array {
  const rows = new Float32Array(tokenIds.length * dIn);
  tokenIds.forEach((tokenId, row) => rows.set(unembedding.subarray(tokenId * dIn, (tokenId + 1) * dIn), row * dIn));
  return rows;
}

/**
 * Direct logit effects of every feature: W_dec · W_U with the unembedding given as
 * `unembedding` [vocab, dIn] (one row per token, as tied embeddings store it), TopK and BottomK
 * inside the onnxruntime graph. `decoder` is W_dec, row-major [width, dIn].
 */
export async function logitEffects(
  decoder: Float32Array,
  unembedding: Float32Array,
  dIn: number,
  options: LogitEffectOptions = {},
): Promise<LogitEffects[]> {
  const width = decoder.length / dIn;
  const subset = options.tokenIds;
  const { top, bottom } = await denseTopK({
    a: decoder, b: subset ? gatherRows(unembedding, dIn, subset) : unembedding, inner: dIn,
    k: Math.min(options.count ?? 10, subset ? subset.length : Infinity), smallest: true,
    ...(options.blockRows ? { blockRows: options.blockRows } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
  });
  const row = (result: typeof top, feature: number): TokenEffect[] =>
    Array.from({ length: result.k }, (_, slot) => ({
      tokenId: subset ? subset[result.indices[feature * result.k + slot]!]! : result.indices[feature * result.k + slot]!,
      value: result.values[feature * result.k + slot]!,
    }));
  return Array.from({ length: width }, (_, feature) => ({ positive: row(top, feature), negative: row(bottom!, feature) }));
}
