import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CorpusError } from './corpus-error.ts';
import type { Corpus, CorpusDocument } from './types.ts';

/** Documents of a `.txt` file: separated by one or more blank lines. */
export function parseTxt(content: string, idPrefix: string): CorpusDocument[] {
  return content
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .map((text, i) => ({ id: `${idPrefix}/${i}`, text }));
}

/** Documents of a `.jsonl` file: one `{"text": "...", "id"?: "..."}` object per line. */
export function parseJsonl(content: string, idPrefix: string, path = idPrefix): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const lines = content.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CorpusError(`${path}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    const text = (value as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') {
      throw new CorpusError(`${path}:${i + 1}: expected an object with a string "text" field`);
    }
    const id = (value as { id?: unknown }).id;
    documents.push({ id: typeof id === 'string' || typeof id === 'number' ? String(id) : `${idPrefix}/${i}`, text });
  });
  return documents;
}

/** Whether a corpus argument looks like a local file rather than a built-in name. */
export function isLocalCorpusPath(nameOrPath: string): boolean {
  const ext = extname(nameOrPath).toLowerCase();
  return ext === '.txt' || ext === '.jsonl' || nameOrPath.includes('/') || nameOrPath.includes('\\');
}

/** Loads a `.txt` or `.jsonl` file as a corpus named after the file. */
export async function loadLocalCorpus(path: string, builtInNames: string[]): Promise<Corpus> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.txt' && ext !== '.jsonl') {
    throw new CorpusError(
      `Unsupported corpus file "${path}": use a .txt file (documents separated by blank lines) ` +
        `or a .jsonl file ({"text": ...} per line), or a built-in corpus: ${builtInNames.join(', ')}.`,
    );
  }
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new CorpusError(
      `Cannot read corpus file "${path}" (${reason}). Built-in corpora: ${builtInNames.join(', ')}.`,
    );
  }
  const name = basename(path, extname(path));
  const documents = ext === '.txt' ? parseTxt(content, name) : parseJsonl(content, name, path);
  return { name, documents };
}
