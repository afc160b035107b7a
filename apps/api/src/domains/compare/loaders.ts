import { getComparisonsByIds, getFamilyEdges, getSaeAtoms, type AtlasDb, type ComparisonRunRow, type FeatureMatchRow, type SaeAtomsRow } from '@atlas/db';
import DataLoader from 'dataloader';
import { abortable, byKey, fromMap, listsFromMap } from '../../batch-results.ts';
import type { LoaderRequest } from '../domain.ts';

/** The compare domain's DataLoaders for one request. */
export function createCompareLoaders(db: AtlasDb, { signal }: LoaderRequest) {
  return {
    saeAtoms: new DataLoader<string, SaeAtomsRow | null>(abortable(signal, async (ids) => fromMap(ids, await getSaeAtoms(db, [...ids])))),
    /** Family edges by feature id (parent or child side), from the latest families run of each pair: one query per request. */
    familyEdges: new DataLoader<number, FeatureMatchRow[]>(abortable(signal, async (ids) => listsFromMap(ids, edgesByFeature(await getFamilyEdges(db, [...ids]))))),
    comparisons: new DataLoader<number, ComparisonRunRow | null>(abortable(signal, async (ids) => byKey(ids, await getComparisonsByIds(db, [...ids]), (row) => row.id))),
  };
}

/** Each edge under both of its features (a feature's parents and children come from one list). */
function edgesByFeature(rows: FeatureMatchRow[]): Map<number, FeatureMatchRow[]> {
  const out = new Map<number, FeatureMatchRow[]>();
  for (const row of rows) {
    for (const id of new Set([row.featureIdA, row.featureIdB])) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(row);
    }
  }
  return out;
}
