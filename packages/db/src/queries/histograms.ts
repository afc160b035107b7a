import { asc, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { featureHistogramBins } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { namedSelect } from '../sql/rows.ts';

export type HistogramRow = {
  featureId: number;
  /** Bin edges, length counts + 1. */
  edges: number[];
  counts: number[];
  /** Sum of counts. */
  total: number;
};

/** Histograms of the given features (features without bins are absent from the map). */
export async function getHistograms(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, HistogramRow>> {
  const histograms = new Map<number, HistogramRow>();
  if (featureIds.length === 0) return histograms;
  const bins = await namedSelect(db, db.orm
    .select()
    .from(featureHistogramBins)
    .where(sql`${featureHistogramBins.featureId} = any(${pgArray(featureIds, 'bigint')})`)
    .orderBy(asc(featureHistogramBins.featureId), asc(featureHistogramBins.bin)));
  for (const bin of bins) {
    let histogram = histograms.get(bin.featureId);
    if (!histogram) {
      histogram = { featureId: bin.featureId, edges: [bin.lower], counts: [], total: 0 };
      histograms.set(bin.featureId, histogram);
    }
    histogram.edges.push(bin.upper);
    histogram.counts.push(bin.count);
    histogram.total += bin.count;
  }
  return histograms;
}
