import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, getPoolsByIds, listPoolSamples, type AtlasDb } from '@atlas/db';
import { isAtlasError } from '@atlas/errors';
import { createPoolFromCorpus, importPool, SELECT_LIMITS } from '../src/index.ts';
import { databases } from './support/databases.ts';

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe.each(databases)('pool import (%s)', (_name, open) => {
  let db: AtlasDb;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('imports JSONL texts with ids, metadata and positions, in upload order', async () => {
    const content = [
      '{"id": "a", "text": "The whale dived.", "category": "sea"}',
      '',
      '{"text": "Congress passed the budget.", "category": "politics", "year": 1999}',
      '{"id": 7, "text": "Tab\\tand \\"quotes\\" and {braces} and back\\\\slash"}',
    ].join('\n');
    const result = await importPool(db, { id: 'jsonl-pool', content, fileName: 'upload.jsonl' });
    expect(result).toMatchObject({ imported: 3, skipped: [] });
    expect(result.pool).toMatchObject({ id: 'jsonl-pool', format: 'text', sampleCount: 3, source: 'upload:upload.jsonl' });
    const samples = await listPoolSamples(db, { poolId: 'jsonl-pool', afterPosition: null, limit: 10 });
    expect(samples.map((s) => [s.position, s.externalId, s.text, s.response, s.metadata])).toEqual([
      [0, 'a', 'The whale dived.', null, { category: 'sea' }],
      [1, '3', 'Congress passed the budget.', null, { category: 'politics', year: 1999 }],
      [2, '7', 'Tab\tand "quotes" and {braces} and back\\slash', null, null],
    ]);
    expect(await listPoolSamples(db, { poolId: 'jsonl-pool', afterPosition: 1, limit: 10 })).toHaveLength(1);
  });

  it('imports prompt/response pairs from CSV (quoted fields, newlines, BOM)', async () => {
    const content = '\uFEFFid,prompt,response,topic\r\nq1,"What is a whale?","A large ""marine"" mammal.",sea\r\nq2,Name a port,"Nantucket,\nMassachusetts",sea\r\n';
    const { pool } = await importPool(db, { id: 'csv-pairs', content: new TextEncoder().encode(content), format: 'csv' });
    expect(pool).toMatchObject({ format: 'pair', sampleCount: 2 });
    const samples = await listPoolSamples(db, { poolId: 'csv-pairs', afterPosition: null, limit: 10 });
    expect(samples.map((s) => [s.externalId, s.text, s.response, s.metadata])).toEqual([
      ['q1', 'What is a whale?', 'A large "marine" mammal.', { topic: 'sea' }],
      ['q2', 'Name a port', 'Nantucket,\nMassachusetts', { topic: 'sea' }],
    ]);
  });

  it('reports malformed JSONL lines by number and imports nothing, unless asked to skip them', async () => {
    const content = [
      '{"text": "fine"}',
      '{"text": broken',
      '["an array"]',
      '{"txt": "no text field"}',
      '{"id": "x", "text": "first x"}',
      '{"id": "x", "text": "second x"}',
      '{"prompt": "a pair in a text pool", "response": "no"}',
      '{"text": ""}',
    ].join('\n');
    const error = await rejection(importPool(db, { id: 'bad-jsonl', content, format: 'jsonl' }));
    expect(isAtlasError(error) && error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^6 malformed lines in the JSONL upload/);
    for (const line of [2, 3, 4, 6, 7, 8]) expect(error.message).toContain(`line ${line} `);
    expect(error.message).toMatch(/repeats id "x" of line 5/);
    expect(error.message).toMatch(/skipMalformed/);
    expect(await getPoolsByIds(db, ['bad-jsonl'])).toEqual([]);

    const skipped = await importPool(db, { id: 'bad-jsonl', content, format: 'jsonl', skipMalformed: true });
    expect(skipped.imported).toBe(2);
    expect(skipped.skipped.map((p) => p.line)).toEqual([2, 3, 4, 6, 7, 8]);
  });

  it('reports CSV records with the wrong field count by line; a broken quote refuses the file even when skipping', async () => {
    const content = 'id,text\n1,one\n2,two,extra\n3,three\n';
    const error = await rejection(importPool(db, { id: 'bad-csv', content, format: 'csv' }));
    expect(error.message).toMatch(/line 3 has a different number of fields/);
    expect((await importPool(db, { id: 'bad-csv', content, format: 'csv', skipMalformed: true })).imported).toBe(2);

    const quote = 'id,text\n1,one\n2,"two"x\n3,three\n';
    const quoteError = await rejection(importPool(db, { id: 'bad-quote', content: quote, format: 'csv', skipMalformed: true }));
    expect(quoteError.message).toMatch(/line 3 has characters after a closing quote/);
    expect(quoteError.message).toMatch(/Fix the quoting first/);
    expect(await getPoolsByIds(db, ['bad-quote'])).toEqual([]);
  });

  it('refuses an upload over the size limit before parsing, a taken id, an empty file and an unknown format', async () => {
    const big = new Uint8Array(SELECT_LIMITS.maxUploadBytes + 1);
    expect((await rejection(importPool(db, { id: 'too-big', content: big, format: 'jsonl' }))).message).toMatch(/the limit is 64\.0 MiB/);
    const taken = await rejection(importPool(db, { id: 'jsonl-pool', content: '{"text":"x"}', format: 'jsonl' }));
    expect(taken.code).toBe('CONFLICT');
    expect((await rejection(importPool(db, { id: 'empty', content: '\n\n', format: 'jsonl' }))).message).toMatch(/no samples/);
    expect((await rejection(importPool(db, { id: 'what', content: 'x', fileName: 'data.txt' }))).message).toMatch(/JSONL or CSV/);
    expect((await rejection(importPool(db, { id: 'bad id!', content: '{"text":"x"}', format: 'jsonl' }))).message).toMatch(/is not valid/);
  });

  it('rolls a failed pool write back whole: no pool, no samples', async () => {
    // 6,000 samples span two insert statements; the repeated id fails the second one.
    const samples = Array.from({ length: 6_000 }, (_, i) => ({ externalId: i === 5_999 ? '0' : String(i), text: `sample ${i}`, response: null, metadata: null }));
    await expect(createPool(db, { id: 'half', name: 'half', format: 'text' }, samples)).rejects.toThrow();
    expect(await getPoolsByIds(db, ['half'])).toEqual([]);
    expect(await listPoolSamples(db, { poolId: 'half', afterPosition: null, limit: 1 })).toEqual([]);
  });

  it('builds a pool from a bundled corpus', async () => {
    const pool = await createPoolFromCorpus(db, { id: 'wordnet-lines', corpus: 'wordnet', unit: 'line', limit: 50 });
    expect(pool).toMatchObject({ sampleCount: 50, source: 'corpus:wordnet', format: 'text' });
    const [first] = await listPoolSamples(db, { poolId: 'wordnet-lines', afterPosition: null, limit: 1 });
    expect(first!.text.length).toBeGreaterThanOrEqual(40);
    expect(first!.metadata).toMatchObject({ document: expect.stringMatching(/^wordnet\//) });
  });
});
