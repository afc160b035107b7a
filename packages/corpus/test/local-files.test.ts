import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, parseWordnetLine } from '../src/index.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-corpus-'));
});

describe('local files', () => {
  it('loads .txt documents separated by blank lines', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'First document,\nstill first.\n\n\nSecond one.\r\n  \r\nThird.\n');
    const corpus = await loadCorpus(path);
    expect(corpus.name).toBe('notes');
    expect(corpus.documents.map((d) => d.text)).toEqual(['First document,\nstill first.', 'Second one.', 'Third.']);
    expect(corpus.documents.map((d) => d.id)).toEqual(['notes/0', 'notes/1', 'notes/2']);
  });

  it('loads .jsonl documents, using "id" when present', async () => {
    const path = join(dir, 'docs.jsonl');
    await writeFile(path, '{"text": "alpha"}\n\n{"text": "beta\\n\\ngamma", "id": "b"}\n');
    const corpus = await loadCorpus(path);
    expect(corpus.documents).toEqual([
      { id: 'docs/0', text: 'alpha' },
      { id: 'b', text: 'beta\n\ngamma' },
    ]);
  });
});

describe('errors', () => {
  it('unknown name lists the built-in corpora and mentions paths', async () => {
    const error = await loadCorpus('shakespeare').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    const message = (error as Error).message;
    expect(message).toContain('"shakespeare"');
    for (const name of ['sotu', 'moby-dick', 'wordnet', 'demo']) expect(message).toContain(name);
    expect(message).toMatch(/\.txt/);
    expect(message).toMatch(/\.jsonl/);
    expect(message).toMatch(/path/);
  });

  it('missing file names the path', async () => {
    const path = join(dir, 'nope.jsonl');
    await expect(loadCorpus(path)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(path)).rejects.toThrow(path);
    await expect(loadCorpus(path)).rejects.toThrow(/not found/);
  });

  it('bad jsonl line names the file and line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, '{"text": "ok"}\n{"body": "no text"}\n');
    await expect(loadCorpus(path)).rejects.toThrow(`${path}:2`);
  });

  it('unsupported extension says which formats are accepted', async () => {
    await expect(loadCorpus(join(dir, 'data.csv'))).rejects.toThrow(/\.txt.*\.jsonl/);
  });
});

describe('parseWordnetLine', () => {
  it('keeps lemmas, definition and examples; skips the licence header', () => {
    expect(parseWordnetLine('  1 This software and database is being provided')).toBeUndefined();
    expect(
      parseWordnetLine(
        '00002724 29 v 01 choke 0 002 @ 00001740 v 0000 + 14081734 n 0101 01 + 02 00 | breathe with great difficulty; "She choked"  ',
      ),
    ).toBe('choke: breathe with great difficulty; "She choked"');
    expect(parseWordnetLine('00001740 00 a 02 able 0 abler(a) 0 000 | having the means  ')).toBe(
      'able, abler: having the means',
    );
  });
});
