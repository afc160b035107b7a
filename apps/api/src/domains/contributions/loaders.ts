import {
  getLabelsByIds, getUsersByIds, getUserVotes, listLabelsOfFeatures, type AtlasDb, type LabelRow, type UserRow,
} from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, fromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** Most labels `Feature.labels` lists per feature. */
export const MAX_FEATURE_LABELS = 50;

type FeatureKey = { saeId: string; index: number; includeHidden: boolean };

/** This request's loaders: users and labels by id, a feature's labels, and a user's votes (keyed by user and label). */
export function createContributionLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    users: new DataLoader<number, UserRow | null>(abortable(signal, async (ids) => fromMap(ids, await getUsersByIds(db, ids)))),
    labels: new DataLoader<number, LabelRow | null>(abortable(signal, async (ids) => fromMap(ids, await getLabelsByIds(db, ids)))),
    featureLabels: new DataLoader<FeatureKey, LabelRow[], string>(
      abortable(signal, async (keys) => {
        const result: LabelRow[][] = [];
        // One query per includeHidden value (at most two), each for every feature asked.
        for (const includeHidden of [false, true]) {
          const asked = keys.filter((key) => key.includeHidden === includeHidden);
          if (asked.length === 0) continue;
          const rows = await listLabelsOfFeatures(db, { features: asked, includeHidden, limitPerFeature: MAX_FEATURE_LABELS });
          for (const [i, key] of keys.entries()) {
            if (key.includeHidden === includeHidden) result[i] = rows.filter((row) => row.saeId === key.saeId && row.featureIndex === key.index);
          }
        }
        return result;
      }),
      { cacheKeyFn: (key) => `${key.includeHidden}:${key.index}:${key.saeId}` },
    ),
    votes: new DataLoader<{ userId: number; labelId: number }, 1 | -1 | null, string>(
      abortable(signal, async (keys) => {
        const byUser = new Map<number, Map<number, 1 | -1>>();
        for (const userId of new Set(keys.map((key) => key.userId))) {
          byUser.set(userId, await getUserVotes(db, userId, keys.filter((key) => key.userId === userId).map((key) => key.labelId)));
        }
        return keys.map((key) => byUser.get(key.userId)?.get(key.labelId) ?? null);
      }),
      { cacheKeyFn: (key) => `${key.userId}:${key.labelId}` },
    ),
  };
}

export type ContributionLoaders = ReturnType<typeof createContributionLoaders>;
