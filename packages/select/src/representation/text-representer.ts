import type { LanguageModel } from '@atlas/model';
import { SelectError } from '../errors.ts';
import type { Pooler } from './poolers.ts';
import type { SparseVector } from './sparse-vector.ts';
import { planBatches, tokenWindows, type TokenWindow } from './windows.ts';

export interface TextRepresenterOptions {
  model: LanguageModel;
  hook: string;
  poolers: readonly Pooler[];
  /** Tokens per window; a longer text is processed in windows. Default and maximum: the model's context. */
  windowTokens?: number;
  /** Cells (windows × padded length) per forward pass. Default 4,096. */
  batchTokens?: number;
}

export interface RepresentedTexts {
  /** Per pooler (in the order given), one vector per text. */
  vectors: SparseVector[][];
  tokenCounts: Int32Array;
  windowCounts: Int32Array;
  tokens: number;
  /** Seconds in the model forward and in pooling (SAE encoding included). */
  forwardSeconds: number;
  poolSeconds: number;
}

export interface TextRepresenter {
  readonly windowTokens: number;
  represent(texts: readonly string[], signal?: AbortSignal): Promise<RepresentedTexts>;
}

/**
 * Texts → tokens → windows → padded batches → the hook's activations (real tokens only) → each
 * pooler's mean vector per text. One forward pass feeds every pooler (SAE codes and hidden
 * states of the same hook cost one model run).
 */
export function createTextRepresenter(options: TextRepresenterOptions): TextRepresenter {
  const { model, hook, poolers } = options;
  const windowTokens = options.windowTokens ?? model.contextLength;
  const batchTokens = options.batchTokens ?? 4096;
  if (!model.hookNames.includes(hook)) {
    throw new SelectError(`Unknown hook "${hook}" for this model; it has: ${model.hookNames.join(', ')}.`);
  }
  if (!Number.isSafeInteger(windowTokens) || windowTokens < 1 || windowTokens > model.contextLength) {
    throw new SelectError(`windowTokens must be an integer from 1 to the model's context (${model.contextLength}), got ${windowTokens}.`);
  }
  if (!Number.isSafeInteger(batchTokens) || batchTokens < windowTokens) {
    throw new SelectError(`batchTokens must be an integer of at least windowTokens (${windowTokens}), got ${batchTokens}.`);
  }
  const width = model.hookPoints.find((point) => point.name === hook)!.width;
  const padId = model.eosTokenId ?? 0;
  return {
    windowTokens,
    async represent(texts, signal) {
      const tokenCounts = new Int32Array(texts.length);
      const windowCounts = new Int32Array(texts.length);
      const windows: TokenWindow[] = [];
      texts.forEach((text, owner) => {
        const ids = model.encode(text);
        tokenCounts[owner] = ids.length;
        const pieces = tokenWindows(ids, windowTokens, owner);
        windowCounts[owner] = pieces.length;
        windows.push(...pieces);
      });
      for (const pooler of poolers) pooler.begin(texts.length);
      let forwardSeconds = 0;
      let poolSeconds = 0;
      for (const batch of planBatches(windows, batchTokens, padId)) {
        if (signal?.aborted) throw new SelectError('Representation building was cancelled.', { code: 'CANCELLED' });
        let started = performance.now();
        const { activations } = await model.run({
          inputIds: batch.inputIds, batch: batch.windows.length, seqLen: batch.seqLen, attentionMask: batch.attentionMask, hooks: [hook],
        });
        forwardSeconds += (performance.now() - started) / 1000;
        started = performance.now();
        const { rows, owners } = realTokenRows(activations[hook]!, batch.windows, batch.seqLen, width, batch.tokens);
        for (const pooler of poolers) await pooler.add(rows, batch.tokens, owners);
        poolSeconds += (performance.now() - started) / 1000;
      }
      const started = performance.now();
      const vectors = poolers.map((pooler) => pooler.finish(tokenCounts));
      poolSeconds += (performance.now() - started) / 1000;
      const tokens = tokenCounts.reduce((sum, count) => sum + count, 0);
      return { vectors, tokenCounts, windowCounts, tokens, forwardSeconds, poolSeconds };
    },
  };
}

/** The activation rows of real (unpadded) tokens, and the text each belongs to. */
function realTokenRows(activations: Float32Array, windows: readonly TokenWindow[], seqLen: number, width: number, tokens: number) {
  const rows = new Float32Array(tokens * width);
  const owners = new Int32Array(tokens);
  let row = 0;
  windows.forEach((window, w) => {
    const length = window.tokens.length;
    rows.set(activations.subarray(w * seqLen * width, (w * seqLen + length) * width), row * width);
    owners.fill(window.owner, row, row + length);
    row += length;
  });
  return { rows, owners };
}
