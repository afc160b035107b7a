import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getHeadAttributions,
  getModelSourcePaths,
  getSaeWeightsPaths,
  getSaeBuild,
  ingestSaeAtlas,
  listFeatures,
  upsertModel,
  type AtlasDb,
  type FeatureRow,
  type IngestHeadAttribution,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

// The fixture's d_in 8 read as 4 heads × 2 (the shares are what an attn.hook_z SAE would carry).
const shares = (featureIndex: number, values: number[]): IngestHeadAttribution[] =>
  values.map((share, head) => ({ featureIndex, head, share }));
const headAttributions = [...shares(2, [0.5, 0.25, 0.25, 0]), ...shares(0, [1, 0, 0, 0])];

describe.each(drivers)('head attributions and model source paths (%s)', (_name, open) => {
  let db: AtlasDb;
  let features: FeatureRow[];
  const idOf = (index: number) => features.find((f) => f.index === index)!.id;

  beforeAll(async () => {
    db = await open();
    await upsertModel(db, { ...MODEL, sourcePath: '/models/demo-lm' });
    const result = await ingestSaeAtlas(db, atlasInput({ headAttributions }));
    expect(result.rows).toMatchObject({ headAttributions: 8 });
    features = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 100 });
  });
  afterAll(() => db.close());

  it('reads each feature’s shares in head order, leaving out features without any', async () => {
    const found = await getHeadAttributions(db, [idOf(0), idOf(1), idOf(2)]);
    expect([...found.keys()].sort()).toEqual([idOf(0), idOf(2)].sort());
    expect(found.get(idOf(2))).toEqual([
      { head: 0, share: 0.5 },
      { head: 1, share: 0.25 },
      { head: 2, share: 0.25 },
      { head: 3, share: 0 },
    ]);
    expect(await getHeadAttributions(db, [])).toEqual(new Map());
  });

  it('rejects a share outside 0..1 and rolls the whole ingest back', async () => {
    const bad = atlasInput({ checksum: 'sha256:bad-shares', headAttributions: shares(1, [1.5, -0.5, 0, 0]) });
    await expect(ingestSaeAtlas(db, bad)).rejects.toThrow();
    expect(await getSaeBuild(db, SAE_ID)).toMatchObject({ status: 'complete' });
    expect((await getHeadAttributions(db, [idOf(0)])).get(idOf(0))).toHaveLength(4);
  });

  it('replaces the rows when the SAE is rebuilt', async () => {
    await ingestSaeAtlas(db, atlasInput({ checksum: 'sha256:rebuilt', headAttributions: shares(3, [0, 0, 0, 1]) }));
    features = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 100 });
    const found = await getHeadAttributions(db, features.map((f) => f.id));
    expect([...found.keys()]).toEqual([idOf(3)]);
  });

  it('reads where each model’s files are', async () => {
    await upsertModel(db, { ...MODEL, id: 'no-path-lm' });
    const paths = await getModelSourcePaths(db, [MODEL.id, 'no-path-lm', 'unknown-lm']);
    expect(paths).toEqual(new Map([[MODEL.id, '/models/demo-lm'], ['no-path-lm', null]]));
  });

  it('reads where each SAE’s weights are: the folder its build recorded, null without one', async () => {
    await ingestSaeAtlas(db, atlasInput({ checksum: 'sha256:with-path', sae: { ...atlasInput().sae, weightsPath: '/atlas/work/abc/sae' } }));
    expect(await getSaeWeightsPaths(db, [SAE_ID, 'unknown/sae'])).toEqual(new Map([[SAE_ID, '/atlas/work/abc/sae']]));
    await ingestSaeAtlas(db, atlasInput({ checksum: 'sha256:without-path' }));
    expect(await getSaeWeightsPaths(db, [SAE_ID])).toEqual(new Map([[SAE_ID, null]]));
  });
});
