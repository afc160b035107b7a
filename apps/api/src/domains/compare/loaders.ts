import { getComparisonsByIds, getSaeAtoms, type AtlasDb, type ComparisonRunRow, type SaeAtomsRow } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, byKey, fromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** The compare domain's DataLoaders for one request. */
export function createCompareLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    saeAtoms: new DataLoader<string, SaeAtomsRow | null>(abortable(signal, async (ids) => fromMap(ids, await getSaeAtoms(db, [...ids])))),
    comparisons: new DataLoader<number, ComparisonRunRow | null>(abortable(signal, async (ids) => byKey(ids, await getComparisonsByIds(db, [...ids]), (row) => row.id))),
  };
}
