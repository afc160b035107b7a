import { getScoresOfLabels, type AtlasDb, type LabelScoreRow } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, listsFromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** This request's loader: the scores of each label's newest version, by label id (one query per batch). */
export function createLabelScoreLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    scoresOfLabel: new DataLoader<number, LabelScoreRow[]>(
      abortable(signal, async (ids) => listsFromMap(ids, await getScoresOfLabels(db, ids))),
    ),
  };
}
