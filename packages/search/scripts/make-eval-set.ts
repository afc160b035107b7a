/**
 * Builds the evaluation set mechanically from the demo atlas (`npx atlas build-demo` first):
 * a feature whose top contexts mostly peak on one word is relevant to that word; the word's
 * sense is chosen by simplified Lesk (most overlap between the sense's gloss and lemmas and the
 * words around the features' peaks); the queries are that sense's other lemmas (synonyms) and
 * its hypernyms' lemmas, never the word, its lemma or a phrase containing it.
 *
 *   npx tsx packages/search/scripts/make-eval-set.ts   → packages/search/eval/demo-queries.json
 */
import { writeFileSync } from 'node:fs';
import { getFeatureSearchEvidence, getSaeBuild, listSaes, openDatabase } from '@atlas/db';
import { loadWordNet, words, type SynsetRecord, type WordNet } from '@atlas/embed';
import { wordAround } from '@atlas/labels';
import { STOPWORDS } from '../src/query/stopwords.ts';
import { EVAL_SET_PATH, type EvalQuery, type EvalSet } from './eval-set.ts';

const METHOD = {
  /** A feature is dominated by a word when at least this share of its top contexts peak on it… */
  dominantShare: 0.5,
  /** …and at least this many do. */
  minContexts: 5,
  minWordLength: 3,
  /** Words around each peak compared with a sense's gloss (simplified Lesk). */
  leskWindow: 8,
  /** Query phrases of at most this many words. */
  maxQueryWords: 3,
};

const wordnet = loadWordNet();
const db = await openDatabase();
const sae = (await listSaes(db, {})).find((row) => row.modelId === 'demo-lm');
if (!sae) throw new Error('No demo SAE in the atlas: run `npx atlas build-demo` first.');
const build = await getSaeBuild(db, sae.id);

/** word lemma → the features it dominates and the words around their peaks. */
const groups = new Map<string, { word: string; features: number[]; context: string[] }>();
for (let afterIndex: number | null = null; ; ) {
  const page = await getFeatureSearchEvidence(db, { saeId: sae.id, afterIndex, limit: 512, window: METHOD.leskWindow });
  if (page.length === 0) break;
  afterIndex = page.at(-1)!.index;
  for (const feature of page) {
    const peaks = feature.contexts.map((context) => wordAround(context.tokens, context.maxPosition).toLowerCase());
    const counts = new Map<string, number>();
    for (const peak of peaks) counts.set(peak, (counts.get(peak) ?? 0) + 1);
    const [word, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    if (count < METHOD.minContexts || count < METHOD.dominantShare * peaks.length) continue;
    if (!/^\p{L}+$/u.test(word) || word.length < METHOD.minWordLength || STOPWORDS.has(word)) continue;
    const lemma = wordnet.lemmasOf(word)[0]?.lemma;
    if (!lemma) continue;
    const group = groups.get(lemma) ?? { word, features: [], context: [] };
    group.features.push(feature.index);
    for (const context of feature.contexts) group.context.push(...words(context.tokens.join('')));
    groups.set(lemma, group);
  }
}
await db.close();

const queries: EvalQuery[] = [];
for (const [lemma, group] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const sense = leskSense(wordnet, group.word, group.context);
  if (!sense) continue;
  // The word in any form: itself, each of its lemmas (noun "dancing", verb "dance"), or a word containing one.
  const forms = new Set([group.word, lemma, ...wordnet.lemmasOf(group.word).map((entry) => entry.lemma)]);
  const forbidden = (phrase: string) => words(phrase).some((part) =>
    forms.has(part) || [...forms].some((form) => part.includes(form)) || wordnet.lemmasOf(part).some((entry) => forms.has(entry.lemma)));
  const usable = (phrase: string) => !forbidden(phrase) && words(phrase).length > 0 && words(phrase).length <= METHOD.maxQueryWords;
  const base = { word: group.word, sense: { key: sense.key, gloss: sense.gloss }, relevant: group.features.sort((a, b) => a - b) };
  const synonym = sense.lemmas.find(usable);
  if (synonym) queries.push({ id: `${lemma}/synonym`, query: synonym, kind: 'synonym', ...base });
  const hypernym = sense.hypernyms.flatMap((key) => wordnet.synset(key)?.lemmas ?? []).find(usable);
  if (hypernym) queries.push({ id: `${lemma}/hypernym`, query: hypernym, kind: 'hypernym', ...base });
}

const set: EvalSet = {
  description:
    'Queries over the demo atlas, made mechanically by packages/search/scripts/make-eval-set.ts: each names, by a WordNet synonym or hypernym, ' +
    'a word that dominates some features\' top contexts (their relevant set); the word itself never appears in the query.',
  saeId: sae.id,
  checksum: build?.checksum ?? '',
  method: METHOD,
  queries,
};
writeFileSync(EVAL_SET_PATH, `${JSON.stringify(set, null, 1)}\n`);
const kinds = queries.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.kind]: (acc[q.kind] ?? 0) + 1 }), {});
console.log(`${groups.size} dominant words over ${[...groups.values()].reduce((n, g) => n + g.features.length, 0)} features → ${queries.length} queries (${JSON.stringify(kinds)}) in ${EVAL_SET_PATH}`);

/** Simplified Lesk: the sense whose gloss and lemmas share most content words with the contexts; ties to the more frequent sense. */
function leskSense(net: WordNet, word: string, context: readonly string[]): SynsetRecord | undefined {
  const bag = new Set(context.filter((w) => !STOPWORDS.has(w) && w !== word));
  let best: SynsetRecord | undefined;
  let bestScore = -1;
  for (const sense of net.senses(word)) {
    const signature = new Set(words(`${sense.gloss} ${sense.lemmas.join(' ')}`).filter((w) => !STOPWORDS.has(w) && w !== word));
    const score = [...signature].filter((w) => bag.has(w)).length;
    if (score > bestScore) [best, bestScore] = [sense, score];
  }
  return best;
}
