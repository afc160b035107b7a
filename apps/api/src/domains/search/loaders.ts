import { getDecoderNeighboursAcrossSaes, getFeatureDensities, getSaeWeightsPaths, type AtlasDb, type CrossSaeNeighbour } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, fromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** At most this many other SAEs answer `decoderNeighboursAcrossSaes` (the nearest first, by SAE id). */
export const MAX_NEIGHBOUR_SAES = 10;

/** Search's DataLoaders for one request. */
export function createSearchLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  const acrossByLimit = new Map<number, DataLoader<number, CrossSaeNeighbour[]>>();
  return {
    /** `saes.weights_path` by SAE id: the folder featuresForText loads the SAE from (null when none was recorded). */
    saeWeightsPaths: new DataLoader<string, string | null>(abortable(signal, async (ids) => fromMap(ids, await getSaeWeightsPaths(db, ids)))),
    /** Each feature's density by index, for the density filter of featuresForText. */
    densities: new DataLoader<string, Float32Array>(abortable(signal, (saeIds) => Promise.all(saeIds.map((id) => getFeatureDensities(db, id))))),
    /** Nearest decoder directions in other SAEs on the same model and hook, `perSae` per SAE (one statement per feature). */
    neighboursAcrossSaes(perSae: number): DataLoader<number, CrossSaeNeighbour[]> {
      let loader = acrossByLimit.get(perSae);
      if (!loader) {
        loader = new DataLoader(abortable(signal, (ids) => Promise.all(ids.map((id) => getDecoderNeighboursAcrossSaes(db, id, { limitPerSae: perSae, maxSaes: MAX_NEIGHBOUR_SAES })))));
        acrossByLimit.set(perSae, loader);
      }
      return loader;
    },
  };
}
