import {
  countFeatures,
  getCurrentLabels,
  getDecoderVectors,
  getFeatureNeighbours,
  getFeaturesByIndex,
  getHeadAttributions,
  getHistograms,
  getLogitEffects,
  getMapPositions,
  getModelsByIds,
  getQuantileExamples,
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
  type ModelRow,
  type QuantileBinRow,
  type SaeRow,
} from '@atlas/db';
import { formatFeatureId, type FeatureKey } from '@atlas/ids';
import DataLoader from 'dataloader';
import { abortable, byKey, fromMap, listsFromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** SAEs per model: one `listSaes` call for a single model, one unfiltered call for several. */
async function saesByModel(db: AtlasDb, modelIds: readonly string[]): Promise<SaeRow[][]> {
  const [only] = modelIds;
  const saes = modelIds.length === 1 && only !== undefined ? await listSaes(db, { modelId: only }) : await listSaes(db, {});
  return modelIds.map((modelId) => saes.filter((sae) => sae.modelId === modelId));
}

/**
 * SAE and model rows shared by the requests of a few seconds. Every feature answer reads its SAE and
 * every summary its model: two of a feature summary's four statements. These rows change only when an
 * SAE is built, imported or removed (never by a mutation), and answers may be that old anyway (they are
 * kept for up to 60 s). Rows not found are not kept, so a new SAE shows at once.
 */
const SHARED_ROWS_MS = 2_000;
const sharedRows = new WeakMap<AtlasDb, Map<string, { row: SaeRow | ModelRow; at: number }>>();

async function rowsSharedBriefly<R extends SaeRow | ModelRow>(
  db: AtlasDb, kind: 'sae' | 'model', ids: readonly string[], fetch: (ids: string[]) => Promise<R[]>,
): Promise<(R | null)[]> {
  let shared = sharedRows.get(db);
  if (!shared) sharedRows.set(db, (shared = new Map()));
  const now = Date.now();
  const fresh = (id: string) => {
    const entry = shared.get(`${kind}:${id}`);
    return entry && now - entry.at < SHARED_ROWS_MS ? (entry.row as R) : undefined;
  };
  const missing = ids.filter((id) => fresh(id) === undefined);
  if (missing.length > 0) {
    for (const row of await fetch(missing)) shared.set(`${kind}:${row.id}`, { row, at: now });
  }
  return ids.map((id) => fresh(id) ?? null);
}

/** The catalog's DataLoaders for one request: each batches one `@atlas/db` query function (none once the request is cancelled). */
export function createCatalogLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  const topActivationsByLimit = new Map<number, DataLoader<number, ActivationExampleRow[]>>();
  return {
    models: new DataLoader<string, ModelRow | null>(abortable(signal, (ids) => rowsSharedBriefly(db, 'model', ids, (missing) => getModelsByIds(db, missing)))),
    saes: new DataLoader<string, SaeRow | null>(abortable(signal, (ids) => rowsSharedBriefly(db, 'sae', ids, (missing) => getSaesByIds(db, missing)))),
    saesByModel: new DataLoader<string, SaeRow[]>(abortable(signal, (modelIds) => saesByModel(db, modelIds))),
    features: new DataLoader<FeatureKey, FeatureRow | null, string>(
      abortable(signal, async (keys) => byKey(keys.map(formatFeatureId), await getFeaturesByIndex(db, [...keys]), formatFeatureId)),
      { cacheKeyFn: formatFeatureId },
    ),
    featureCounts: new DataLoader<string, number>(abortable(signal, async (saeIds) => {
      const counts = await countFeatures(db, [...saeIds]);
      return saeIds.map((id) => counts.get(id) ?? 0);
    })),
    /** Top activations by feature id, one loader per requested length. */
    topActivations(limit: number): DataLoader<number, ActivationExampleRow[]> {
      let loader = topActivationsByLimit.get(limit);
      if (!loader) {
        loader = new DataLoader(abortable(signal, async (ids) => listsFromMap(ids, await getTopActivations(db, [...ids], limit))));
        topActivationsByLimit.set(limit, loader);
      }
      return loader;
    },
    histograms: new DataLoader<number, HistogramRow | null>(abortable(signal, async (ids) => fromMap(ids, await getHistograms(db, [...ids])))),
    quantileExamples: new DataLoader<number, QuantileBinRow[]>(abortable(signal, async (ids) => listsFromMap(ids, await getQuantileExamples(db, [...ids])))),
    decoderVectors: new DataLoader<number, number[] | null>(abortable(signal, async (ids) => fromMap(ids, await getDecoderVectors(db, [...ids])))),
    decoderNeighbours: new DataLoader<number, FeatureNeighbourRow[]>(abortable(signal, async (ids) =>
      listsFromMap(ids, await getFeatureNeighbours(db, [...ids], 'decoder_cosine')))),
    coactivatingFeatures: new DataLoader<number, FeatureNeighbourRow[]>(abortable(signal, async (ids) =>
      listsFromMap(ids, await getFeatureNeighbours(db, [...ids], 'coactivation')))),
    mapPositions: new DataLoader<number, MapPosition | null>(abortable(signal, async (ids) => fromMap(ids, await getMapPositions(db, [...ids])))),
    logitEffects: new DataLoader<number, LogitEffectsRow | null>(abortable(signal, async (ids) => fromMap(ids, await getLogitEffects(db, [...ids])))),
    labels: new DataLoader<number, LabelRow | null>(abortable(signal, async (ids) => fromMap(ids, await getCurrentLabels(db, [...ids])))),
    /** Per-head decoder shares; null for features without any (SAEs not on attn.hook_z). */
    headAttributions: new DataLoader<number, HeadShareRow[] | null>(abortable(signal, async (ids) => fromMap(ids, await getHeadAttributions(db, [...ids])))),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;
