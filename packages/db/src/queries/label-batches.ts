import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import { insertLabels } from './ingest/label-rows.ts';
import type { IngestLabel } from './ingest/types.ts';

/** A label for a stored feature, by its id (`IngestLabel` names features by index within an ingest). */
export type NewFeatureLabel = Omit<IngestLabel, 'featureIndex'> & { featureId: number };

/** Adds many labels (each with version 1) in one transaction: a batch is stored whole or not at all. */
export async function addLabels(db: AtlasDb, labels: readonly NewFeatureLabel[]): Promise<number> {
  if (labels.length === 0) return 0;
  return db.transaction((tx) =>
    insertLabels(tx, labels.map(({ featureId, ...label }) => ({ ...label, featureIndex: featureId })), (id) => id, () => {}),
  );
}

/** Of the given features, those that already have a label from `source` whose first version is by `authorModel`. */
export async function featuresLabelledBy(
  db: AtlasDb,
  featureIds: readonly number[],
  by: { source: 'machine' | 'llm'; authorModel: string },
): Promise<Set<number>> {
  if (featureIds.length === 0) return new Set();
  const rows = await queryRows<{ feature_id: number | string }>(
    db,
    sql`select distinct f.id as feature_id from features f
        join labels l on l.sae_id = f.sae_id and l.feature_index = f.index
        join label_versions v on v.label_id = l.id and v.version = 1
        where f.id = any(${pgArray(featureIds, 'bigint')}) and l.source = ${by.source} and v.author_model = ${by.authorModel}`,
  );
  return new Set(rows.map((row) => Number(row.feature_id)));
}
