import { getComparisonsByIds, type AtlasDb, type ComparisonRunRow } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, byKey } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** The compare domain's DataLoaders for one request. */
export function createCompareLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    comparisons: new DataLoader<number, ComparisonRunRow | null>(abortable(signal, async (ids) => byKey(ids, await getComparisonsByIds(db, [...ids]), (row) => row.id))),
  };
}
