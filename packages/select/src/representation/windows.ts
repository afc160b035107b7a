/** A run of at most `windowTokens` tokens of one text (`owner`: the text's slot). */
export interface TokenWindow {
  owner: number;
  tokens: ArrayLike<number>;
}

/** Cuts token ids into consecutive windows of at most `windowTokens` (the model's context). */
export function tokenWindows(ids: readonly number[], windowTokens: number, owner: number): TokenWindow[] {
  const windows: TokenWindow[] = [];
  for (let start = 0; start < ids.length; start += windowTokens) {
    windows.push({ owner, tokens: ids.slice(start, start + windowTokens) });
  }
  return windows;
}

export interface WindowBatch {
  windows: TokenWindow[];
  seqLen: number;
  /** Row-major [windows, seqLen] ids, padded on the right. */
  inputIds: Int32Array;
  /** 1 = token, 0 = padding. */
  attentionMask: Int32Array;
  /** Real tokens in the batch. */
  tokens: number;
}

/**
 * Groups windows into padded batches of at most `batchTokens` cells (windows × longest window),
 * longest first, so little compute goes to padding.
 */
export function planBatches(windows: readonly TokenWindow[], batchTokens: number, padId: number): WindowBatch[] {
  const sorted = [...windows].sort((a, b) => b.tokens.length - a.tokens.length);
  const batches: WindowBatch[] = [];
  let start = 0;
  while (start < sorted.length) {
    const seqLen = sorted[start]!.tokens.length;
    const count = Math.max(1, Math.min(sorted.length - start, Math.floor(batchTokens / seqLen)));
    const group = sorted.slice(start, start + count);
    const inputIds = new Int32Array(count * seqLen).fill(padId);
    const attentionMask = new Int32Array(count * seqLen);
    let tokens = 0;
    group.forEach((window, row) => {
      for (let t = 0; t < window.tokens.length; t++) {
        inputIds[row * seqLen + t] = window.tokens[t]!;
        attentionMask[row * seqLen + t] = 1;
      }
      tokens += window.tokens.length;
    });
    batches.push({ windows: group, seqLen, inputIds, attentionMask, tokens });
    start += count;
  }
  return batches;
}
