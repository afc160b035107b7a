import type { LanguageModel } from '@atlas/model';
import { createEncoder, DENSE_DENSITY, type SaeEncoder, type SaeWeights } from '@atlas/sae';
import { TEXT_LIMITS } from '../limits.ts';
import { SearchError } from '../search-error.ts';
import { tokenWindows } from './windows.ts';

export interface FeaturesForTextOptions {
  /** Features listed per token (default 5, at most 64 and the SAE's active slots). */
  topK?: number;
  /** Features listed for the whole text (default 20, at most 200). */
  textFeatures?: number;
  /** Each feature's density in the atlas (share of tokens it fires on), for the density filter. */
  densities?: ArrayLike<number>;
  /** Features denser than this are left out (default 0.1, the atlas's "dense" line, when densities are given). */
  densityMax?: number;
  /** An encoder of this SAE to reuse (a server keeps one per SAE); made and closed per call otherwise. */
  encoder?: SaeEncoder;
  /** Windows per model run (default 16). */
  batchSize?: number;
}

export interface TokenFeatures {
  position: number;
  tokenId: number;
  /** As the tokenizer decodes it alone (leading space kept). */
  token: string;
  /** Strongest first. */
  features: { index: number; value: number }[];
}

export interface TextFeature {
  index: number;
  /** Sum of the feature's activations over the text: what orders this list. */
  total: number;
  maxValue: number;
  /** Position of its strongest token. */
  maxPosition: number;
  /** Tokens it fires on. */
  tokenCount: number;
}

export interface FeaturesForTextResult {
  tokens: TokenFeatures[];
  /** The features most active over the whole text, by summed activation. */
  features: TextFeature[];
  /** How the text was run: one window when it fits the model's context, overlapping windows otherwise. */
  windows: { count: number; size: number; stride: number };
  /** The density filter applied (null without densities) and how many features it left out. */
  densityFilter: { max: number; excludedFeatures: number } | null;
  /** Said when the text was longer than the model's context. */
  notice: string | null;
}

/**
 * Runs the model and the SAE on a text: each token with its strongest features, and the features
 * most active over the whole text. Features denser than `densityMax` (always-on ones) are left
 * out of both lists so they do not crowd out the rest. A text longer than the model's context is
 * run in overlapping windows (each token keeps at least half a context before it) and the answer
 * says so. Limits: 64 KiB of UTF-8 and 8,192 tokens; an empty text is refused.
 */
export async function featuresForText(
  model: LanguageModel, sae: SaeWeights, text: string, options: FeaturesForTextOptions = {},
): Promise<FeaturesForTextResult> {
  const topK = checkedCount('topK', options.topK ?? TEXT_LIMITS.defaultTopK, TEXT_LIMITS.maxTopK);
  const textFeatures = checkedCount('textFeatures', options.textFeatures ?? TEXT_LIMITS.defaultTextFeatures, TEXT_LIMITS.maxTextFeatures);
  if (typeof text !== 'string') throw new SearchError('text must be a string.');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > TEXT_LIMITS.maxTextBytes) {
    throw new SearchError(`The text is ${bytes} bytes; the limit is ${TEXT_LIMITS.maxTextBytes} bytes (64 KiB). Send a shorter passage.`);
  }
  const ids = model.encode(text);
  if (ids.length === 0) throw new SearchError('The text is empty: give at least one word to run the model on.');
  if (ids.length > TEXT_LIMITS.maxTokens) {
    throw new SearchError(`The text is ${ids.length} tokens; the limit is ${TEXT_LIMITS.maxTokens}. Send a shorter passage.`);
  }
  const { dIn, hookName } = sae.cfg;
  if (!model.hookNames.includes(hookName)) {
    throw new SearchError(`The SAE reads ${hookName}, which the model in ${model.dir} does not have; its hooks: ${model.hookNames.join(', ')}.`);
  }
  const densityMax = options.densityMax ?? DENSE_DENSITY;
  const densities = options.densities;
  if (densities && densities.length !== sae.cfg.width) {
    throw new SearchError(`densities has ${densities.length} values but the SAE has ${sae.cfg.width} features.`);
  }
  const allowed = (feature: number) => !densities || densities[feature]! <= densityMax;

  const activations = await hookActivations(model, hookName, ids, dIn, options.batchSize ?? 16);
  const encoder = options.encoder ?? (await createEncoder(sae));
  let codes;
  try {
    codes = await encoder.encode(activations.values, ids.length);
  } finally {
    if (!options.encoder) await encoder.close();
  }
  const slots = encoder.slots;
  const display = model.decodeTokens(ids);
  const totals = new Map<number, TextFeature>();
  const excluded = new Set<number>();
  const tokens = ids.map((tokenId, position) => {
    const features: { index: number; value: number }[] = [];
    for (let s = 0; s < slots; s++) {
      const value = codes.values[position * slots + s]!;
      if (!(value > 0)) continue;
      const index = codes.indices[position * slots + s]!;
      if (!allowed(index)) {
        excluded.add(index);
        continue;
      }
      features.push({ index, value });
      const total = totals.get(index) ?? { index, total: 0, maxValue: 0, maxPosition: position, tokenCount: 0 };
      total.total += value;
      total.tokenCount += 1;
      if (value > total.maxValue) [total.maxValue, total.maxPosition] = [value, position];
      totals.set(index, total);
    }
    features.sort((a, b) => b.value - a.value || a.index - b.index);
    return { position, tokenId, token: display[position]!, features: features.slice(0, topK) };
  });
  const size = model.contextLength;
  return {
    tokens,
    features: [...totals.values()].sort((a, b) => b.total - a.total || a.index - b.index).slice(0, textFeatures),
    windows: { count: activations.windows, size, stride: Math.ceil(size / 2) },
    densityFilter: densities ? { max: densityMax, excludedFeatures: excluded.size } : null,
    notice: activations.windows > 1
      ? `The text is ${ids.length} tokens, longer than the model's ${size}-token context, so it ran in ${activations.windows} overlapping windows; every token kept at least ${size - Math.ceil(size / 2)} tokens of context before it.`
      : null,
  };
}

/** The hook's activations for every token, [tokens, dIn], running windows in batches. */
async function hookActivations(model: LanguageModel, hook: string, ids: readonly number[], dIn: number, batchSize: number) {
  const windows = tokenWindows(ids.length, model.contextLength);
  const values = new Float32Array(ids.length * dIn);
  for (let first = 0; first < windows.length; first += batchSize) {
    const batch = windows.slice(first, first + batchSize);
    // Same-length windows share a run; the single short window (a text shorter than the context) runs alone.
    const seqLen = batch[0]!.length;
    const inputIds = new Int32Array(batch.length * seqLen);
    batch.forEach((window, b) => inputIds.set(ids.slice(window.start, window.start + seqLen), b * seqLen));
    const { activations } = await model.run({ inputIds, batch: batch.length, seqLen, hooks: [hook] });
    const rows = activations[hook]!;
    if (rows.length !== batch.length * seqLen * dIn) {
      throw new SearchError(`The SAE reads ${dIn} values per token but ${hook} has ${rows.length / (batch.length * seqLen)}; it was trained on another model.`);
    }
    batch.forEach((window, b) => {
      for (let p = window.keepFrom; p < window.keepTo; p++) {
        const row = b * seqLen + (p - window.start);
        values.set(rows.subarray(row * dIn, (row + 1) * dIn), p * dIn);
      }
    });
  }
  return { values, windows: windows.length };
}

function checkedCount(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new SearchError(`${name} must be an integer from 1 to ${max}, got ${value}.`);
  return value;
}
