import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFeaturesByIndex, getTopActivations, ingestSaeAtlas, listSaes, openDatabase, upsertModel, type AtlasDb } from '../src/index.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

// PGlite served over the Postgres wire protocol, reached with DATABASE_URL-style `pg`. Its
// protocol handler cannot take COPY FROM STDIN (the connection drops with FATAL 08P01), so the
// driver detects PGlite from version() and bulk-loads with unnest there; this checks that path.
describe('node-postgres on a PGlite socket server', () => {
  let pglite: PGlite;
  let server: PGLiteSocketServer;
  let db: AtlasDb;
  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: { vector } });
    server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1' });
    await server.start();
    const { port } = (server as unknown as { server: { address(): { port: number } } }).server.address();
    db = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres` });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await pglite?.close();
  });

  it('ingests in one transaction (unnest, not COPY) and reads back', async () => {
    expect(db.kind).toBe('postgres');
    await upsertModel(db, MODEL);
    const result = await ingestSaeAtlas(db, atlasInput());
    expect(result.rows).toMatchObject({ features: 6, activations: 5, examples: 4 });
    expect((await listSaes(db)).map((sae) => sae.id)).toEqual([SAE_ID]);
    const [feature] = await getFeaturesByIndex(db, [{ saeId: SAE_ID, index: 0 }]);
    const top = await getTopActivations(db, [feature!.id], 3);
    expect(top.get(feature!.id)?.map((example) => example.maxValue)).toEqual([4.5, 2.25]);
  });
});
