import { getPoolsByIds, getSelectionsByIds, listSelections, type AtlasDb, type PoolRow, type SelectionRow } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, byKey } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** The selection domain's DataLoaders for one request. */
export function createSelectionLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    pools: new DataLoader<string, PoolRow | null>(abortable(signal, async (ids) => byKey(ids, await getPoolsByIds(db, [...ids]), (p) => p.id))),
    selections: new DataLoader<number, SelectionRow | null>(abortable(signal, async (ids) => byKey(ids, await getSelectionsByIds(db, [...ids]), (s) => s.id))),
    /** A pool's selections, newest first (one query per pool: a page shows few pools). */
    poolSelections: new DataLoader<string, SelectionRow[]>(abortable(signal, (ids) => Promise.all(ids.map((id) => listSelections(db, id))))),
  };
}
