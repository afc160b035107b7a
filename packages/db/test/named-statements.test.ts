import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCurrentLabels,
  getFeaturesByIndex,
  getHistograms,
  getLogitEffects,
  getQuantileExamples,
  getTopActivations,
  ingestSaeAtlas,
  listFeatures,
  nameStatements,
  upsertModel,
  type AtlasDb,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

// Named statements are for a Postgres server reached directly (the API on DATABASE_URL).
const postgres = drivers.filter(([name]) => name === 'postgres');

describe.runIf(postgres.length > 0)('named statements on Postgres', () => {
  let db: AtlasDb;
  let ids: number[];

  beforeAll(async () => {
    db = await postgres[0]![1]();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, atlasInput());
    ids = (await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 100 })).map((feature) => feature.id);
  });
  afterAll(() => db?.close());

  /** A feature page's reads, as the API batches them. */
  const reads = async (featureIds: number[]) => ({
    features: await getFeaturesByIndex(db, featureIds.map((id) => ({ saeId: SAE_ID, index: ids.indexOf(id) }))),
    top: [...(await getTopActivations(db, featureIds, 5))],
    quantiles: [...(await getQuantileExamples(db, featureIds))],
    histograms: [...(await getHistograms(db, featureIds))],
    logits: [...(await getLogitEffects(db, featureIds))],
    labels: [...(await getCurrentLabels(db, featureIds))],
  });

  it('answer exactly as unnamed statements, on every connection of the pool at once and again', async () => {
    const subsets = ids.map((_, i) => ids.slice(0, i + 1));
    const unnamed = await Promise.all(subsets.map(reads));
    nameStatements(db);
    // Twice over, many at once: each pool connection prepares the statements once, then reuses them.
    for (let round = 0; round < 2; round += 1) {
      expect(await Promise.all([...subsets, ...subsets].map(reads))).toEqual([...unnamed, ...unnamed]);
    }
  });
});
