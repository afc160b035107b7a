import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDecoderIndex,
  decoderIndexName,
  getDecoderNeighbours,
  getFeaturesByIndex,
  ingestSaeAtlas,
  upsertModel,
  type AtlasDb,
} from '../src/index.ts';
import { queryRows } from '../src/sql/rows.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

describe.each(drivers)('decoder nearest neighbours (%s)', (_name, open) => {
  let db: AtlasDb;
  let ids: number[];
  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, atlasInput({ decoderIndex: true }));
    // A second SAE with another d_in shares the table; its vectors must not disturb the first's index.
    const wide = atlasInput({ checksum: 'wide', decoderIndex: true }, 'demo-lm/blocks.2.hook_resid_post/topk-6-wide');
    wide.sae = { ...wide.sae, dIn: 16 };
    wide.features = wide.features.map((f) => ({ ...f, decoder: new Float32Array(16).fill(f.index + 1) }));
    await ingestSaeAtlas(db, wide);
    const features = await getFeaturesByIndex(db, [0, 1, 2].map((index) => ({ saeId: SAE_ID, index })));
    ids = features.map((f) => f.id);
  });
  afterAll(() => db.close());

  it('ranks the most similar decoder of the same SAE first, by cosine', async () => {
    const neighbours = await getDecoderNeighbours(db, ids[0]!, 3);
    expect(neighbours).toHaveLength(3);
    expect(neighbours[0]).toMatchObject({ featureId: ids[1], index: 1 });
    expect(neighbours[0]!.cosine).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 3);
    expect(neighbours[1]!.cosine).toBeCloseTo(0, 3);
    expect(neighbours.every((n) => n.featureId !== ids[0])).toBe(true);
  });

  it('has a per-SAE partial HNSW index the neighbour query can use', async () => {
    const indexes = await queryRows<{ indexname: string; indexdef: string }>(
      db,
      sql`select indexname, indexdef from pg_indexes where tablename = 'feature_decoders' and indexdef like '%hnsw%'`,
    );
    expect(indexes).toHaveLength(2);
    const ours = indexes.find((i) => i.indexname === decoderIndexName(SAE_ID));
    expect(ours?.indexdef).toMatch(/halfvec\(8\)\) halfvec_cosine_ops\) WHERE \(sae_id = 'demo-lm\/blocks\.2\.hook_resid_post\/topk-6'::text\)/);

    const plan = await db.transaction(async (tx) => {
      await tx.orm.execute(sql`set local enable_seqscan = off`);
      return queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql.raw(`explain select feature_id from feature_decoders where sae_id = '${SAE_ID}'
                 order by decoder::halfvec(8) <=> '[1,0,0,0,0,0,0,0]'::halfvec(8) limit 3`),
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(decoderIndexName(SAE_ID));
  });

  it('leaves decoders past the HNSW limit unindexed and searches them exactly', async () => {
    const dIn = 4096;
    const saeId = 'demo-lm/blocks.2.hook_resid_post/topk-6-4096';
    const input = atlasInput({ checksum: 'd4096', decoderIndex: true }, saeId);
    input.sae = { ...input.sae, dIn };
    input.features = input.features.map((f) => ({ ...f, decoder: Float32Array.from({ length: dIn }, (_, i) => (i === f.index ? 1 : 0.01)) }));
    await ingestSaeAtlas(db, input);
    const indexes = await queryRows<{ indexname: string }>(db, sql`select indexname from pg_indexes where indexname = ${decoderIndexName(saeId)}`);
    expect(indexes).toHaveLength(0);
    const [first] = await getFeaturesByIndex(db, [{ saeId, index: 0 }]);
    const neighbours = await getDecoderNeighbours(db, first!.id, 2);
    expect(neighbours).toHaveLength(2);
    expect(neighbours.every((n) => n.cosine > 0 && n.cosine < 1)).toBe(true);
    await expect(createDecoderIndex(db, saeId, dIn)).rejects.toThrow(
      expect.objectContaining({ name: 'IngestInputError', code: 'BAD_USER_INPUT', message: expect.stringMatching(/1 to 4000 dimensions .* not d_in 4096/) }),
    );
  });
});
