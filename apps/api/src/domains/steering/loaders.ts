import { getModelSourcePaths, type AtlasDb } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, fromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** Steering's DataLoaders for one request. */
export function createSteeringLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    /** `models.source_path` by model id: the folder the API loads the model from (null when none was recorded). */
    modelSourcePaths: new DataLoader<string, string | null>(
      abortable(signal, async (modelIds) => fromMap(modelIds, await getModelSourcePaths(db, modelIds))),
    ),
  };
}
