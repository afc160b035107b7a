import { ModelError } from './errors.ts';
import type { LanguageModel } from './language-model.ts';

export interface CrossEntropyOptions {
  batch: number;
  seqLen: number;
  vocabSize: number;
  /** Row-major [batch, seqLen], 1 = token; a prediction counts only when both its position and its target are tokens. */
  attentionMask?: ArrayLike<number>;
}

/**
 * Mean next-token cross-entropy (nats): position t of each row predicts id t + 1, from
 * `logits` [batch * seqLen, vocab] (log-softmax in float64).
 */
export function crossEntropy(logits: Float32Array, inputIds: ArrayLike<number>, options: CrossEntropyOptions): number {
  const { batch, seqLen, vocabSize, attentionMask } = options;
  if (logits.length !== batch * seqLen * vocabSize) {
    throw new ModelError(`logits hold ${logits.length} floats, expected ${batch} × ${seqLen} × ${vocabSize}.`);
  }
  if (inputIds.length !== batch * seqLen) throw new ModelError(`inputIds hold ${inputIds.length} ids, expected ${batch} × ${seqLen}.`);
  let total = 0;
  let count = 0;
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t + 1 < seqLen; t++) {
      const row = b * seqLen + t;
      if (attentionMask && (!attentionMask[row] || !attentionMask[row + 1])) continue;
      const offset = row * vocabSize;
      let max = -Infinity;
      for (let v = 0; v < vocabSize; v++) max = Math.max(max, logits[offset + v]!);
      let sum = 0;
      for (let v = 0; v < vocabSize; v++) sum += Math.exp(logits[offset + v]! - max);
      total += Math.log(sum) + max - logits[offset + inputIds[row + 1]!]!;
      count++;
    }
  }
  if (count === 0) throw new ModelError('crossEntropy needs at least one position with a next token.');
  return total / count;
}

export interface LossRecoveredRequest {
  inputIds: Int32Array;
  batch: number;
  seqLen: number;
  attentionMask?: ArrayLike<number>;
  hook: string;
  /** The edit to score, e.g. an SAE reconstruction of the activation. */
  replace: (activation: Float32Array) => Float32Array;
}

export interface LossRecovered {
  /** CE of the unedited model. */
  clean: number;
  /** CE with the hook zero-ablated. */
  zero: number;
  /** CE with the hook replaced by `replace`. */
  spliced: number;
  /** (zero − spliced) / (zero − clean): 1 = the edit loses nothing, 0 = as bad as zeros. */
  recovered: number;
}

/** CE loss recovered of an edit at one hook: `(CE_zero − CE_spliced) / (CE_zero − CE_clean)`. */
export async function ceLossRecovered(model: LanguageModel, request: LossRecoveredRequest): Promise<LossRecovered> {
  const { inputIds, batch, seqLen, attentionMask, hook } = request;
  const ceOptions = { batch, seqLen, vocabSize: model.vocabSize, attentionMask };
  const base = { inputIds, batch, seqLen, attentionMask, hook, logits: true as const };
  const clean = await model.run({ inputIds, batch, seqLen, attentionMask, hooks: [], logits: true });
  const zero = await model.runSpliced({ ...base, replace: (activation) => new Float32Array(activation.length) });
  const spliced = await model.runSpliced({ ...base, replace: request.replace });
  const result = {
    clean: crossEntropy(clean.logits!, inputIds, ceOptions),
    zero: crossEntropy(zero.logits, inputIds, ceOptions),
    spliced: crossEntropy(spliced.logits, inputIds, ceOptions),
  };
  if (result.zero === result.clean) {
    throw new ModelError(`Zero-ablating ${hook} does not change the loss; CE loss recovered is undefined there.`);
  }
  return { ...result, recovered: (result.zero - result.spliced) / (result.zero - result.clean) };
}
