import type { WordNet } from './wordnet.ts';

/** The WordNet neighbours of one query word, for full-text query expansion. */
export interface WordExpansion {
  word: string;
  /** Other lemmas of the word's first senses (and, for adjectives, of similar synsets). */
  synonyms: string[];
  /** Lemmas of those senses' hypernyms ("whale" → "cetacean"). */
  hypernyms: string[];
  /** Lemmas of the first sense's direct hyponyms ("cetacean" → "whale"), most common first. */
  hyponyms: string[];
}

export interface ExpandOptions {
  /** Senses used per part of speech, most frequent first (default 2). */
  sensesPerPos?: number;
  /** At most this many terms over the three lists (default 16; synonyms first, then hypernyms, then hyponyms). */
  maxTerms?: number;
  /**
   * How common a word is (e.g. its corpus count): orders hyponyms, so "whale" comes before
   * "grampus", and leaves out hyponyms it has never seen (a phrase counts as its rarest word).
   */
  frequency?: (word: string) => number;
}

/** Synonyms, hypernyms and hyponyms of a word, none equal to the word or one of its lemmas. */
export function expandWord(wordnet: WordNet, word: string, options: ExpandOptions = {}): WordExpansion {
  const { sensesPerPos = 2, maxTerms = 16 } = options;
  const frequency = options.frequency
    ? (lemma: string) => Math.min(...lemma.split(' ').map((part) => options.frequency!(part)))
    : () => 1;
  const own = new Set([word.toLowerCase(), ...wordnet.lemmasOf(word).map((entry) => entry.lemma)]);
  const seen = new Set(own);
  const take = (candidates: Iterable<string>, limit: number) => {
    const out: string[] = [];
    for (const lemma of candidates) {
      if (out.length >= limit) break;
      if (seen.has(lemma)) continue;
      seen.add(lemma);
      out.push(lemma);
    }
    return out;
  };
  const senses = wordnet.senses(word, sensesPerPos);
  const related = (keys: readonly string[]) => keys.flatMap((key) => wordnet.synset(key)?.lemmas ?? []);
  const synonyms = take(senses.flatMap((sense) => [...sense.lemmas, ...related(sense.similar)]), maxTerms);
  const hypernyms = take(senses.flatMap((sense) => related(sense.hypernyms)), maxTerms - synonyms.length);
  const firstSenses = wordnet.senses(word, 1);
  const hyponymLemmas = firstSenses.flatMap((sense) => related(sense.hyponyms));
  const byFrequency = [...new Set(hyponymLemmas)]
    .filter((lemma) => frequency(lemma) > 0)
    .sort((a, b) => frequency(b) - frequency(a) || (a < b ? -1 : 1));
  const hyponyms = take(byFrequency, maxTerms - synonyms.length - hypernyms.length);
  return { word, synonyms, hypernyms, hyponyms };
}
