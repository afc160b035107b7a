/**
 * Trains the offline default word vectors on the bundled text (State of the Union, Moby-Dick,
 * WordNet glosses) and writes vectors/word-vectors.bin. Deterministic: the same corpus and
 * settings give the same file, bit for bit.
 *
 *   npm run train-word-vectors -w @atlas/embed
 *
 * Method: PPMI of windowed co-occurrence counts with context-distribution smoothing, factorised
 * by a truncated SVD (rows U·Σ^½, unit length), the count-based counterpart of skip-gram
 * (which factorises a shifted PMI matrix implicitly; Levy & Goldberg 2014) and of GloVe (log
 * counts). On a few million words it is as good as either and needs no learning-rate schedule.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '@atlas/corpus';
import { mulberry32 } from '@atlas/random';
import { sifAverage, sifWeight } from '../src/words/sif.ts';
import { words } from '../src/words/tokenize.ts';
import { writeWordVectors } from '../src/words/vector-file.ts';
import { countCooccurrences } from './training/cooccurrence.ts';
import { commonComponent } from './training/common-component.ts';
import { ppmi } from './training/ppmi.ts';
import { randomizedSvd } from './training/randomized-svd.ts';
import { buildVocabulary, countWords } from './training/vocabulary.ts';

export const SETTINGS = {
  corpus: 'demo',
  minCount: 5,
  maxWords: 32_768,
  window: 5,
  contextSmoothing: 0.75,
  dimensions: 128,
  eigenvalueWeight: 0.5,
  oversample: 16,
  powerIterations: 3,
  seed: 0,
  commonComponentLines: 50_000,
} as const;

const out = fileURLToPath(new URL('../vectors/word-vectors.bin', import.meta.url));
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);

const corpus = await loadCorpus(SETTINGS.corpus);
// Lines, not documents, bound the window: a WordNet document is 200 unrelated glosses, one per line.
const lines = corpus.documents.flatMap((document) => document.text.split('\n')).map(words).filter((line) => line.length > 0);
const { counts, total } = countWords(lines);
const vocabulary = buildVocabulary(counts, total, SETTINGS.minCount, SETTINGS.maxWords);
log(`${corpus.documents.length} documents, ${lines.length} lines, ${total} words, ${counts.size} distinct; vocabulary ${vocabulary.words.length}`);

const ids = lines.map((line) => Int32Array.from(line.map((word) => vocabulary.index.get(word) ?? -1).filter((id) => id >= 0)));
const cooccurrence = countCooccurrences(ids, vocabulary.words.length, SETTINGS.window);
log(`co-occurrence: ${cooccurrence.values.length} pairs`);
const pmi = ppmi(cooccurrence, SETTINGS.contextSmoothing);
log(`PPMI: ${pmi.values.length} positive entries`);

const random = mulberry32(SETTINGS.seed);
// Box–Muller from the seeded uniform source.
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const svd = randomizedSvd(pmi, SETTINGS.dimensions, { ...SETTINGS, normal }, log);
log(`SVD: singular values ${svd.s[0]!.toFixed(1)} … ${svd.s.at(-1)!.toFixed(1)}`);

const { dimensions } = SETTINGS;
const vectors = new Float32Array(vocabulary.words.length * dimensions);
for (let w = 0; w < vocabulary.words.length; w++) {
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += (svd.u.data[w * dimensions + d]! * svd.s[d]! ** SETTINGS.eigenvalueWeight) ** 2;
  const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dimensions; d++) vectors[w * dimensions + d] = svd.u.data[w * dimensions + d]! * svd.s[d]! ** SETTINGS.eigenvalueWeight * inverse;
}

// SIF's common component: the first singular vector of phrase vectors over evenly spaced lines.
const step = Math.max(1, Math.floor(ids.length / SETTINGS.commonComponentLines));
const phrases: Float32Array[] = [];
for (let l = 0; l < ids.length; l += step) {
  if (ids[l]!.length < 3) continue;
  const rows = Array.from(ids[l]!, (id) => ({
    vector: vectors.subarray(id * dimensions, (id + 1) * dimensions), weight: sifWeight(vocabulary.counts[id]!, total),
  }));
  phrases.push(sifAverage(rows, dimensions));
}
const common = commonComponent(phrases, dimensions);
log(`common component from ${phrases.length} lines`);

await writeWordVectors(out, {
  dimensions, words: vocabulary.words, counts: vocabulary.counts, totalWords: total, vectors, commonComponent: common,
  training: { ...SETTINGS, method: 'ppmi-svd', documents: corpus.documents.length, lines: lines.length, words: total },
});
log(`wrote ${path.relative(process.cwd(), out)}`);
