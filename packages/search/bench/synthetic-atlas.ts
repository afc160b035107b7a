/**
 * Synthetic but realistic feature evidence for the search benchmark: each feature "fires" on one
 * topic word, its 20 top contexts are real lines of the bundled corpus around that word, and its
 * label is the real machine label of that evidence. Deterministic for a seed.
 */
import { loadCorpus } from '@atlas/corpus';
import type { IngestSaeInput } from '@atlas/db';
import { machineLabel, MACHINE_LABEL_METHOD } from '@atlas/labels';
import { mulberry32 } from '@atlas/random';

export interface SyntheticFeature {
  index: number;
  density: number;
  /** GPT-2-style display tokens of each top context, with the peak position. */
  contexts: { tokens: string[]; maxPosition: number }[];
  label: string;
}

/** GPT-2-style display tokens: words with their leading space, punctuation apart. */
const tokenise = (text: string) => text.match(/\s?[\p{L}\p{N}']+|\s?[^\s\p{L}\p{N}]/gu) ?? [];
const CONTEXT_TOKENS = 24;

export interface EvidencePool {
  /** Topic words, most frequent first, each with where it occurs (line, token). */
  words: { word: string; occurrences: [line: number, token: number][] }[];
  lines: string[][];
}

/** Lines of the demo corpus as tokens, and up to 200 occurrences of each of its `wordCount` commonest words past the first 100. */
export async function evidencePool(wordCount = 8000): Promise<EvidencePool> {
  const corpus = await loadCorpus('demo');
  const lines = corpus.documents.flatMap((document) => document.text.split('\n')).map(tokenise).filter((line) => line.length >= 8);
  const counts = new Map<string, number>();
  for (const line of lines) for (const token of line) {
    const word = token.trim().toLowerCase();
    if (/^\p{L}{3,}$/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const chosen = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(100, 100 + wordCount).map(([word]) => word);
  const occurrences = new Map<string, [number, number][]>(chosen.map((word) => [word, []]));
  lines.forEach((line, l) => line.forEach((token, t) => {
    const list = occurrences.get(token.trim().toLowerCase());
    if (list && list.length < 200) list.push([l, t]);
  }));
  return { words: chosen.map((word) => ({ word, occurrences: occurrences.get(word)! })), lines };
}

/** `count` features over the pool: topic words drawn with a Zipf-like skew (many features share common words). */
export function syntheticFeatures(pool: EvidencePool, count: number, seed: number): SyntheticFeature[] {
  const random = mulberry32(seed);
  const features: SyntheticFeature[] = [];
  for (let index = 0; index < count; index++) {
    const topic = pool.words[Math.floor(pool.words.length * random() ** 2)]!;
    const contexts = Array.from({ length: Math.min(20, topic.occurrences.length) }, () => {
      const [line, token] = topic.occurrences[Math.floor(random() * topic.occurrences.length)]!;
      const tokens = pool.lines[line]!;
      const start = Math.max(0, Math.min(token - CONTEXT_TOKENS / 2, tokens.length - CONTEXT_TOKENS));
      return { tokens: tokens.slice(start, start + CONTEXT_TOKENS), maxPosition: token - start };
    });
    const label = machineLabel({ contexts: contexts.map((context) => ({ ...context, maxValue: 1 })) }) ?? topic.word;
    features.push({ index, density: 10 ** (-4 + 3 * random()), contexts, label });
  }
  return features;
}

/** An ingest input for features with evidence (contexts, top examples, labels), decoders of width 4. */
export function ingestInput(saeId: string, modelId: string, features: readonly SyntheticFeature[]): IngestSaeInput {
  const contexts: IngestSaeInput['contexts'] = [];
  const examples: IngestSaeInput['examples'] = [];
  const activations: IngestSaeInput['activations'] = [];
  for (const feature of features) {
    feature.contexts.forEach((context, rank) => {
      const key = `${feature.index}/${rank}`;
      contexts.push({ key, documentId: key, startToken: 0, tokenIds: context.tokens.map((_, i) => i), tokens: context.tokens });
      examples.push({ featureIndex: feature.index, contextKey: key, kind: 'top', rank, maxValue: 20 - rank, maxPosition: context.maxPosition });
      activations.push({ featureIndex: feature.index, contextKey: key, position: context.maxPosition, value: 20 - rank });
    });
  }
  return {
    sae: {
      id: saeId, modelId, hookName: 'blocks.2.hook_resid_post', architecture: 'topk', kind: 'sae', dIn: 4, width: features.length, k: 32,
      trainingTokens: 0, statisticsTokens: 0, corpusName: 'demo', metrics: null,
    },
    checksum: `bench-${saeId}`,
    corpus: { id: 'bench-demo', name: 'demo' },
    contexts, examples, activations, histograms: [],
    features: features.map((feature) => ({
      index: feature.index, density: feature.density, maxActivation: 20, meanActivation: 5, decoder: Float32Array.of(1, 0, 0, 0),
    })),
    labels: features.map((feature) => ({ featureIndex: feature.index, text: feature.label, source: 'machine', method: MACHINE_LABEL_METHOD })),
  };
}
