import { sql } from 'drizzle-orm';
import { IngestInputError } from '../../errors.ts';
import type { AtlasDb } from '../../orm.ts';
import { pgArray } from '../../sql/arrays.ts';
import { chunkRanges } from '../../sql/bulk.ts';
import { storableToken } from './dashboard-rows.ts';
import type { IngestLabel, IngestProgress } from './types.ts';

const CHUNK = 20_000;

/** One label per feature (given by `features.id`) with its version 1, both inserted by one statement per chunk. */
export async function insertLabels(
  tx: AtlasDb,
  input: readonly IngestLabel[],
  featureId: (index: number) => number,
  progress: IngestProgress,
): Promise<number> {
  const seen = new Set<number>();
  for (const label of input) {
    if (seen.has(label.featureIndex)) throw new IngestInputError(`feature ${label.featureIndex}: more than one label given; at most one per feature`);
    if (label.text.trim().length === 0) throw new IngestInputError(`feature ${label.featureIndex}: label text is empty`);
    seen.add(label.featureIndex);
  }
  progress(0, input.length, 'labels');
  for (const [start, end] of chunkRanges(input.length, CHUNK)) {
    const chunk = input.slice(start, end);
    const ids = pgArray(chunk.map((l) => featureId(l.featureIndex)), 'bigint');
    await tx.orm.execute(
      sql`with given as (
            select * from unnest(
              ${ids},
              ${pgArray(chunk.map((l) => l.source), 'text')},
              ${pgArray(chunk.map((l) => l.method), 'text')},
              ${pgArray(chunk.map((l) => storableToken(l.text)), 'text')},
              ${pgArray(chunk.map((l) => l.authorModel ?? ''), 'text')}
            ) as u(feature_id, source, method, text, author_model)
          ), located as (
            -- Labels name their feature by (SAE, index), which a rebuild keeps (features.id it does not).
            select given.*, f.sae_id, f.index from given join features f on f.id = given.feature_id
          ), created as (
            insert into labels (sae_id, feature_index, source, method)
            select sae_id, index, source, method from located
            returning id, sae_id, feature_index
          )
          insert into label_versions (label_id, version, text, source, method, author_model)
          select created.id, 1, located.text, located.source, located.method, nullif(located.author_model, '')
          from created join located on located.sae_id = created.sae_id and located.index = created.feature_index`,
    );
    progress(end, input.length, 'labels');
  }
  return input.length;
}
