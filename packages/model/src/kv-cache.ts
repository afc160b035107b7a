import type { onnx, ort } from '@atlas/onnx';
import type { PastCache } from './feeds.ts';

/** A cache input and the output that carries its next value (Optimum: `past_key_values.L.key` ↔ `present.L.key`). */
export interface CachePair {
  past: string;
  present: string;
}

/**
 * The KV-cache pairs of a decoder graph, or an empty list when it has no `past_key_values.*`
 * inputs or some of them have no `present.*` output to feed back.
 */
export function findCachePairs(inputs: readonly onnx.IValueInfoProto[], outputs: readonly onnx.IValueInfoProto[]): CachePair[] {
  const outputNames = new Set(outputs.map((output) => output.name ?? ''));
  const pairs: CachePair[] = [];
  for (const input of inputs) {
    const past = input.name ?? '';
    if (!past.startsWith('past_key_values.')) continue;
    const present = `present.${past.slice('past_key_values.'.length)}`;
    if (!outputNames.has(present)) return [];
    pairs.push({ past, present });
  }
  return pairs;
}

/** The cache after a run: its `present.*` outputs under the matching `past_key_values.*` names. */
export function nextCache(pairs: readonly CachePair[], outputs: Record<string, ort.Tensor>, length: number): PastCache {
  const tensors: Record<string, ort.Tensor> = {};
  for (const { past, present } of pairs) tensors[past] = outputs[present]!;
  return { length, tensors };
}
