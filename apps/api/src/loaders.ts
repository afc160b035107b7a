import {
  countFeatures,
  getCurrentLabels,
  getDecoderVectors,
  getFeatureNeighbours,
  getHeadAttributions,
  getLogitEffects,
  getMapPositions,
  getQuantileExamples,
  getFeaturesByIndex,
  getHistograms,
  getModelsByIds,
  getSaesByIds,
  getTopActivations,
  listSaes,
  type ActivationExampleRow,
  type AtlasDb,
  type FeatureNeighbourRow,
  type FeatureRow,
  type HeadShareRow,
  type HistogramRow,
  type LabelRow,
  type LogitEffectsRow,
  type MapPosition,
  type QuantileBinRow,
  type ModelRow,
  type SaeRow,
} from '@atlas/db';
import DataLoader from 'dataloader';
import { formatFeatureId, type FeatureKey } from './feature-id.ts';

/** Orders batch results like the keys; missing rows become null. */
function byKey<K, R>(keys: readonly K[], rows: Iterable<R>, keyOf: (row: R) => K): (R | null)[] {
  const found = new Map<K, R>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((key) => found.get(key) ?? null);
}

function fromMap<K, V>(keys: readonly K[], map: Map<K, V>): (V | null)[] {
  return keys.map((key) => map.get(key) ?? null);
}

/** SAEs per model: one `listSaes` call for a single model, one unfiltered call for several. */
async function saesByModel(db: AtlasDb, modelIds: readonly string[]): Promise<SaeRow[][]> {
  const [only] = modelIds;
  const saes = modelIds.length === 1 && only !== undefined ? await listSaes(db, { modelId: only }) : await listSaes(db, {});
  return modelIds.map((modelId) => saes.filter((sae) => sae.modelId === modelId));
}

/** One set of DataLoaders per request: each batches one `@atlas/db` query function. */
export function createLoaders(db: AtlasDb) {
  const topActivationsByLimit = new Map<number, DataLoader<number, ActivationExampleRow[]>>();
  return {
    models: new DataLoader<string, ModelRow | null>(async (ids) => byKey(ids, await getModelsByIds(db, [...ids]), (m) => m.id)),
    saes: new DataLoader<string, SaeRow | null>(async (ids) => byKey(ids, await getSaesByIds(db, [...ids]), (s) => s.id)),
    saesByModel: new DataLoader<string, SaeRow[]>((modelIds) => saesByModel(db, modelIds)),
    features: new DataLoader<FeatureKey, FeatureRow | null, string>(
      async (keys) => byKey(keys.map(formatFeatureId), await getFeaturesByIndex(db, [...keys]), formatFeatureId),
      { cacheKeyFn: formatFeatureId },
    ),
    featureCounts: new DataLoader<string, number>(async (saeIds) => {
      const counts = await countFeatures(db, [...saeIds]);
      return saeIds.map((id) => counts.get(id) ?? 0);
    }),
    /** Top activations by feature id, one loader per requested length. */
    topActivations(limit: number): DataLoader<number, ActivationExampleRow[]> {
      let loader = topActivationsByLimit.get(limit);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const examples = await getTopActivations(db, [...ids], limit);
          return ids.map((id) => examples.get(id) ?? []);
        });
        topActivationsByLimit.set(limit, loader);
      }
      return loader;
    },
    histograms: new DataLoader<number, HistogramRow | null>(async (ids) => fromMap(ids, await getHistograms(db, [...ids]))),
    quantileExamples: new DataLoader<number, QuantileBinRow[]>(async (ids) => {
      const bins = await getQuantileExamples(db, [...ids]);
      return ids.map((id) => bins.get(id) ?? []);
    }),
    decoderVectors: new DataLoader<number, number[] | null>(async (ids) => fromMap(ids, await getDecoderVectors(db, [...ids]))),
    decoderNeighbours: new DataLoader<number, FeatureNeighbourRow[]>(async (ids) => {
      const neighbours = await getFeatureNeighbours(db, [...ids], 'decoder_cosine');
      return ids.map((id) => neighbours.get(id) ?? []);
    }),
    coactivatingFeatures: new DataLoader<number, FeatureNeighbourRow[]>(async (ids) => {
      const neighbours = await getFeatureNeighbours(db, [...ids], 'coactivation');
      return ids.map((id) => neighbours.get(id) ?? []);
    }),
    mapPositions: new DataLoader<number, MapPosition | null>(async (ids) => fromMap(ids, await getMapPositions(db, [...ids]))),
    logitEffects: new DataLoader<number, LogitEffectsRow | null>(async (ids) => fromMap(ids, await getLogitEffects(db, [...ids]))),
    labels: new DataLoader<number, LabelRow | null>(async (ids) => fromMap(ids, await getCurrentLabels(db, [...ids]))),
    /** Per-head decoder shares; null for features without any (SAEs not on attn.hook_z). */
    headAttributions: new DataLoader<number, HeadShareRow[] | null>(async (ids) => fromMap(ids, await getHeadAttributions(db, [...ids]))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
