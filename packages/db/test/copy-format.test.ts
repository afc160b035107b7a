import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasDb } from '../src/index.ts';
import { copyStatement, copyTextChunks } from '../src/queries/ingest/copy.ts';
import { insertUnnest, type BulkColumn } from '../src/sql/bulk.ts';

// The COPY text that `bulkInsert` streams to Postgres, parsed here by Postgres itself (PGlite's
// `COPY … FROM '/dev/blob'`: the same parser as FROM STDIN) and compared with the unnest path.
const TEXTS = ['plain', 'tab\there', 'new\nline', 'cr\rlf', 'back\\slash', '\\N', '', '"quoted"', '{brace}', 'naïve ✓ 鯨', 'end\\'];
const ROWS = 20_000; // more than one COPY chunk

function columns(): BulkColumn[] {
  return [
    { name: 'a', type: 'bigint', values: Array.from({ length: ROWS }, (_, i) => 2 ** 40 + i) },
    { name: 'b', type: 'smallint', values: Array.from({ length: ROWS }, (_, i) => (i % 600) - 300) },
    { name: 'c', type: 'real', values: Float64Array.from({ length: ROWS }, (_, i) => Math.sin(i) * 10 ** ((i % 9) - 4)) },
    { name: 'd', type: 'text', values: Array.from({ length: ROWS }, (_, i) => `${TEXTS[i % TEXTS.length]}${i % 7 === 0 ? '' : i}`) },
    { name: 'e', type: 'int', values: Int32Array.from({ length: ROWS }, (_, i) => -i) },
  ];
}

describe('COPY text format', () => {
  let pglite: PGlite;
  let db: AtlasDb;
  beforeAll(async () => {
    pglite = await PGlite.create();
    const orm = drizzle({ client: pglite }) as unknown as AtlasDb['orm'];
    db = { orm, kind: 'pglite', close: () => pglite.close(), transaction: () => Promise.reject(new Error('unused')) };
    for (const table of ['via_unnest', 'via_copy']) {
      await pglite.exec(`create table ${table} (a bigint, b smallint, c real, d text, e int)`);
    }
  });
  afterAll(() => pglite?.close());

  it('loads the same rows as the unnest insert, escapes included', async () => {
    const cols = columns();
    await insertUnnest(db, 'via_unnest', cols);
    const text = [...copyTextChunks(cols)].join('');
    await pglite.query(copyStatement('via_copy', cols).replace('from stdin', "from '/dev/blob'"), [], { blob: new Blob([text]) });
    const read = async (table: string) => (await pglite.query(`select a::text, b, c, d, e from ${table} order by a`)).rows;
    const [unnest, copy] = [await read('via_unnest'), await read('via_copy')];
    expect(copy).toHaveLength(ROWS);
    expect(copy).toEqual(unnest);
    expect(copy.map((row) => (row as { d: string }).d).slice(0, TEXTS.length)).toEqual(
      TEXTS.map((t, i) => `${t}${i % 7 === 0 ? '' : i}`),
    );
  });

  it('rejects what the unnest path rejects: non-finite numbers, fractional integers, ragged columns', () => {
    const run = (cols: BulkColumn[]) => () => [...copyTextChunks(cols)];
    expect(run([{ name: 'c', type: 'real', values: [1, Number.NaN] }])).toThrow(/not a finite real: NaN \(element 1\)/);
    expect(run([{ name: 'a', type: 'bigint', values: [1.5] }])).toThrow(/not a finite bigint: 1.5/);
    expect(run([{ name: 'a', type: 'int', values: [1, 2] }, { name: 'b', type: 'int', values: [1] }])).toThrow(/column b has 1 values, a has 2/);
  });
});
