import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Embedder, EmbedderId } from '../embedder.ts';
import { loadWordNet, type WordNet } from '../wordnet/wordnet.ts';
import { SIF_A, sifAverage, sifWeight } from './sif.ts';
import { words } from './tokenize.ts';
import { readWordVectors, type WordVectorTable } from './vector-file.ts';

/** The vectors trained by `scripts/train-word-vectors.ts` on the bundled text, committed with the package. */
export const DEFAULT_WORD_VECTORS = fileURLToPath(new URL('../../vectors/word-vectors.bin', import.meta.url));

/** Bump when phrase embedding changes (weighting, OOV handling), so stored vectors are redone. */
const METHOD_VERSION = '1';

export interface WordVectorEmbedder extends Embedder {
  /** The unit vector of one word: itself, else a lemma of it, else from WordNet (synonyms, gloss); undefined when unknown. */
  wordVector(word: string): Float32Array | undefined;
  /** How often the word occurs in the training text (0 when not in the vocabulary). */
  frequency(word: string): number;
  /** The `k` vocabulary words closest in cosine to a vector. */
  nearestWords(vector: Float32Array, k: number): { word: string; cosine: number }[];
  readonly table: WordVectorTable;
}

export interface WordVectorEmbedderOptions {
  /** Vector file (default: the committed vectors). */
  path?: string;
  /** WordNet for words outside the vocabulary (default: loaded on first need); false to skip. */
  wordnet?: WordNet | false;
  /** SIF smoothing (default 1e-3). */
  a?: number;
}

/**
 * The offline default embedder: a phrase is the SIF-weighted average of its words' vectors
 * minus the common component, unit length. A word outside the vocabulary is looked up as a
 * WordNet lemma ("harpooners" → "harpooner"), then through WordNet (its first sense's synonyms
 * in the vocabulary, else the words of its gloss), so rare words still mean something.
 */
export function loadWordVectorEmbedder(options: WordVectorEmbedderOptions = {}): WordVectorEmbedder {
  const path = options.path ?? DEFAULT_WORD_VECTORS;
  const a = options.a ?? SIF_A;
  const table = readWordVectors(path);
  const { dimensions } = table;
  const index = new Map(table.words.map((word, i) => [word, i]));
  const row = (i: number) => table.vectors.subarray(i * dimensions, (i + 1) * dimensions);
  const weightOf = (i: number) => sifWeight(table.counts[i]!, table.totalWords, a);
  let wordnet = options.wordnet === false ? undefined : options.wordnet;
  const wordnetNow = () => (options.wordnet === false ? undefined : (wordnet ??= loadWordNet()));

  const fallback = new Map<string, Float32Array | undefined>();
  const averageOf = (candidates: readonly string[]) => {
    const rows = candidates.flatMap((word) => {
      const i = index.get(word);
      return i === undefined ? [] : [{ vector: row(i), weight: weightOf(i) }];
    });
    return rows.length === 0 ? undefined : sifAverage(rows, dimensions);
  };
  const throughWordNet = (word: string): Float32Array | undefined => {
    if (fallback.has(word)) return fallback.get(word);
    const net = wordnetNow();
    let vector: Float32Array | undefined;
    if (net) {
      const lemma = net.lemmasOf(word).map((entry) => index.get(entry.lemma)).find((i) => i !== undefined);
      if (lemma !== undefined) vector = row(lemma);
      else {
        const senses = net.senses(word, 1);
        vector = averageOf(senses.flatMap((sense) => sense.lemmas.flatMap(words)))
          ?? averageOf(senses.flatMap((sense) => words(sense.gloss.split(';')[0] ?? '')));
      }
    }
    fallback.set(word, vector);
    return vector;
  };
  const wordVector = (word: string) => {
    const i = index.get(word);
    return i !== undefined ? row(i) : throughWordNet(word);
  };
  // A word outside the vocabulary is rare: it gets the weight of the rarest word kept.
  const rareWeight = sifWeight(table.counts.at(-1) ?? 1, table.totalWords, a);

  const id: EmbedderId = {
    name: 'atlas-word-vectors',
    version: METHOD_VERSION,
    dimensions,
    checksum: createHash('sha256').update(readFileSync(path)).update(`sif a=${a}; wordnet=${options.wordnet !== false}`).digest('hex'),
  };
  return {
    id,
    table,
    wordVector,
    frequency: (word) => table.counts[index.get(word) ?? -1] ?? 0,
    async embed(texts) {
      return texts.map((text) => {
        const rows = words(text).flatMap((word) => {
          const i = index.get(word);
          if (i !== undefined) return [{ vector: row(i), weight: weightOf(i) }];
          const vector = throughWordNet(word);
          return vector ? [{ vector, weight: rareWeight }] : [];
        });
        return sifAverage(rows, dimensions, table.commonComponent);
      });
    },
    nearestWords(vector, k) {
      const scores = new Float32Array(table.words.length);
      for (let i = 0; i < table.words.length; i++) {
        let dot = 0;
        for (let d = 0; d < dimensions; d++) dot += vector[d]! * table.vectors[i * dimensions + d]!;
        scores[i] = dot;
      }
      return [...scores.keys()].sort((x, y) => scores[y]! - scores[x]!).slice(0, k).map((i) => ({ word: table.words[i]!, cosine: scores[i]! }));
    },
    close: async () => {},
  };
}
