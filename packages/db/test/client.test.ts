import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseConnectionError, listModels, openDatabase, upsertModel } from '../src/index.ts';
import { MODEL } from './fixtures.ts';

describe('openDatabase', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('keeps PGlite data in dataDir across reopenings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atlas-db-'));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: join(dir, 'pgdata') });
    expect(first.kind).toBe('pglite');
    await upsertModel(first, MODEL);
    await first.close();
    const second = await openDatabase({ dataDir: join(dir, 'pgdata') });
    expect((await listModels(second)).map((m) => m.id)).toEqual([MODEL.id]);
    await second.close();
  });

  it('explains an unreachable Postgres without leaking the password', async () => {
    const attempt = openDatabase({ url: 'postgres://atlas:s3cret@127.0.0.1:1/atlas' });
    await expect(attempt).rejects.toThrow(DatabaseConnectionError);
    await expect(attempt).rejects.toThrow(/127\.0\.0\.1:1\/atlas.*docker compose up db/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });
});
