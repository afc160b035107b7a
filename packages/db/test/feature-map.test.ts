import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCurrentLabels,
  getFeatureNeighbours,
  getFeaturesByIndex,
  getMapPositions,
  ingestSaeAtlas,
  listMapClusters,
  listMapPoints,
  searchLabels,
  upsertModel,
  type AtlasDb,
} from '../src/index.ts';
import { queryRows } from '../src/sql/rows.ts';
import { sql } from 'drizzle-orm';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';
import { drivers } from './drivers.ts';

/** The fixture atlas with map positions on features 0–4 (5 has none), machine labels and co-activation neighbours. */
function mappedInput(checksum = 'sha256:map') {
  const base = atlasInput();
  return atlasInput({
    checksum,
    features: base.features.map((feature) => (feature.index === 5
      ? feature
      : { ...feature, umapX: feature.index / 4, umapY: 1 - feature.index / 4, mapCluster: feature.index < 2 ? 1 : 0 })),
    mapClusters: [
      { cluster: 0, caption: 'whaling · ships', x: 0.75, y: 0.25, size: 3 },
      { cluster: 1, caption: 'cat', x: 0.125, y: 0.875, size: 2 },
    ],
    labels: [
      { featureIndex: 0, text: '"cat" (2/3) · after "The"', source: 'machine', method: 'top-tokens v1' },
      { featureIndex: 3, text: '"⏎" (1/1) · after "."', source: 'machine', method: 'top-tokens v1' },
      { featureIndex: 4, text: 'Whaling ships', source: 'llm', method: 'llm-chat v1', authorModel: 'tiny-local' },
    ],
    neighbours: [
      { featureIndex: 0, method: 'coactivation', rank: 0, neighbourIndex: 3, score: 0.5 },
      { featureIndex: 0, method: 'coactivation', rank: 1, neighbourIndex: 1, score: 0.25 },
      { featureIndex: 0, method: 'decoder_cosine', rank: 0, neighbourIndex: 1, score: 0.99 },
    ],
  });
}

describe.each(drivers)('feature map, labels and co-activation rows from the ingest (%s)', (_name, open) => {
  let db: AtlasDb;
  let ids: number[];
  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, mappedInput());
    ids = (await getFeaturesByIndex(db, [0, 1, 2, 3, 4, 5].map((index) => ({ saeId: SAE_ID, index })))).map((f) => f.id);
  });
  afterAll(() => db.close());

  it('stores map positions per feature', async () => {
    const positions = await getMapPositions(db, ids);
    expect(positions.get(ids[2]!)).toEqual({ x: 0.5, y: 0.5 });
    expect(positions.has(ids[5]!)).toBe(false);
  });

  it('lists map points by index page and by rectangle, with current labels', async () => {
    const first = await listMapPoints(db, { saeId: SAE_ID, afterIndex: null, limit: 2 });
    expect(first.map((p) => p.index)).toEqual([0, 1]);
    expect(first[0]).toMatchObject({ x: 0, y: 1, label: '"cat" (2/3) · after "The"', labelSource: 'machine', cluster: 1, isDead: false });
    expect(first[1]).toMatchObject({ label: null, labelSource: null, cluster: 1 });
    const rest = await listMapPoints(db, { saeId: SAE_ID, afterIndex: 1, limit: 10 });
    expect(rest.map((p) => p.index)).toEqual([2, 3, 4]);
    const box = await listMapPoints(db, { saeId: SAE_ID, afterIndex: null, limit: 10, bounds: { minX: 0.2, minY: 0, maxX: 0.8, maxY: 1 } });
    expect(box.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(await listMapPoints(db, { saeId: 'no/such/sae', afterIndex: null, limit: 10 })).toEqual([]);
  });

  it('stores the map clusters with captions; features name theirs', async () => {
    expect(await listMapClusters(db, SAE_ID)).toEqual([
      { cluster: 0, caption: 'whaling · ships', x: 0.75, y: 0.25, size: 3 },
      { cluster: 1, caption: 'cat', x: 0.125, y: 0.875, size: 2 },
    ]);
    const points = await listMapPoints(db, { saeId: SAE_ID, afterIndex: null, limit: 10 });
    expect(points.map((p) => [p.index, p.cluster, p.labelSource])).toEqual([[0, 1, 'machine'], [1, 1, null], [2, 0, null], [3, 0, 'machine'], [4, 0, 'llm']]);
    expect(await listMapClusters(db, 'no/such/sae')).toEqual([]);
  });

  it('rejects a feature in a cluster the map does not have, rolling the ingest back', async () => {
    const input = mappedInput('sha256:lost-cluster');
    input.features[2] = { ...input.features[2]!, mapCluster: 7 };
    await expect(ingestSaeAtlas(db, input)).rejects.toThrow(/feature 2: map cluster 7 is not among the map's clusters/);
    expect((await listMapClusters(db, SAE_ID)).map((c) => c.caption)).toEqual(['whaling · ships', 'cat']);
  });

  it('stores one label with version 1 per labelled feature, searchable, with source, method and model', async () => {
    const labels = await getCurrentLabels(db, ids);
    expect(labels.get(ids[0]!)).toMatchObject({ text: '"cat" (2/3) · after "The"', source: 'machine' });
    expect(labels.get(ids[4]!)).toMatchObject({ text: 'Whaling ships', source: 'llm' });
    const rows = await queryRows<{ method: string; version: number; author_model: string | null }>(
      db,
      sql`select l.method, v.version, v.author_model from labels l join label_versions v on v.label_id = l.id order by l.feature_index`,
    );
    expect(rows).toEqual([
      { method: 'top-tokens v1', version: 1, author_model: null },
      { method: 'top-tokens v1', version: 1, author_model: null },
      { method: 'llm-chat v1', version: 1, author_model: 'tiny-local' },
    ]);
    expect((await searchLabels(db, { query: 'cat', limit: 5 })).map((hit) => hit.featureId)).toEqual([ids[0]]);
  });

  it('keeps co-activation neighbours apart from decoder neighbours', async () => {
    const coactivating = (await getFeatureNeighbours(db, [ids[0]!], 'coactivation')).get(ids[0]!)!;
    expect(coactivating.map((n) => [n.neighbour.index, n.score])).toEqual([[3, 0.5], [1, 0.25]]);
    expect((await getFeatureNeighbours(db, [ids[0]!], 'decoder_cosine')).get(ids[0]!)!.map((n) => n.neighbour.index)).toEqual([1]);
  });

  it('rejects two labels for one feature and rolls the whole ingest back', async () => {
    const input = mappedInput('sha256:twice');
    input.labels!.push({ featureIndex: 0, text: 'again', source: 'machine', method: 'top-tokens v1' });
    await expect(ingestSaeAtlas(db, input)).rejects.toThrow(/feature 0: more than one label/);
    expect((await getCurrentLabels(db, ids)).get(ids[0]!)?.text).toBe('"cat" (2/3) · after "The"');
  });
});
