import { asc, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { featureHistogramBins } from '../schema/index.ts';
import { pgArrayLiteral, pgArrayPlaceholder } from '../sql/arrays.ts';
import { preparedSelect } from '../sql/rows.ts';

export type HistogramRow = {
  featureId: number;
  /** Bin edges, length counts + 1. */
  edges: number[];
  counts: number[];
  /** Sum of counts. */
  total: number;
};

const selectBins = (db: AtlasDb) => db.orm
  .select()
  .from(featureHistogramBins)
  .where(sql`${featureHistogramBins.featureId} = any(${pgArrayPlaceholder('ids', 'bigint')})`)
  .orderBy(asc(featureHistogramBins.featureId), asc(featureHistogramBins.bin));

/** Histograms of the given features (features without bins are absent from the map). */
export async function getHistograms(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, HistogramRow>> {
  const histograms = new Map<number, HistogramRow>();
  if (featureIds.length === 0) return histograms;
  const bins = await preparedSelect(db, selectBins, { ids: pgArrayLiteral(featureIds, 'bigint') });
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
