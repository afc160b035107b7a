import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { IngestInputError } from '../errors.ts';
import type { AtlasDb } from '../orm.ts';
import { featureDecoders, features, saes } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { quoteLiteral } from '../sql/literal.ts';
import { queryRows } from '../sql/rows.ts';

/** Decoder rows (halfvec precision, ~3 significant digits) of the given features. */
export async function getDecoderVectors(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, number[]>> {
  if (featureIds.length === 0) return new Map();
  const rows = await db.orm
    .select({ featureId: featureDecoders.featureId, decoder: featureDecoders.decoder })
    .from(featureDecoders)
    .where(sql`${featureDecoders.featureId} = any(${pgArray(featureIds, 'bigint')})`);
  return new Map(rows.map((row) => [row.featureId, row.decoder]));
}

/** pgvector's HNSW indexes halfvec of at most this many dimensions; wider decoders are searched exactly. */
export const HNSW_MAX_DIMENSIONS = 4000;
/** pgvector's halfvec holds at most this many dimensions. */
const HALFVEC_MAX_DIMENSIONS = 16_000;

/**
 * HNSW cosine index over one SAE's decoders. `feature_decoders.decoder` has no fixed dimension
 * (SAEs differ in d_in) and HNSW needs one, so each SAE gets a partial expression index:
 *
 *   CREATE INDEX feature_decoders_hnsw_<hash> ON feature_decoders
 *     USING hnsw ((decoder::halfvec(<dIn>)) halfvec_cosine_ops) WHERE sae_id = '<saeId>'
 *
 * A query uses it only when it repeats both the expression and the predicate with literals,
 * as `getDecoderNeighbours` does. Idempotent; the ingest calls it after loading decoders.
 */
export async function createDecoderIndex(db: AtlasDb, saeId: string, dIn: number): Promise<string> {
  if (!Number.isInteger(dIn) || dIn < 1 || dIn > HNSW_MAX_DIMENSIONS) {
    throw new IngestInputError(
      `An HNSW decoder index takes 1 to ${HNSW_MAX_DIMENSIONS} dimensions (pgvector's limit), not d_in ${dIn}; ` +
        'leave such an SAE unindexed: its decoder neighbours are then found by exact search.',
    );
  }
  const name = decoderIndexName(saeId);
  await db.orm.execute(
    sql.raw(
      `create index if not exists "${name}" on feature_decoders ` +
        `using hnsw ((decoder::halfvec(${dIn})) halfvec_cosine_ops) where sae_id = ${quoteLiteral(saeId)}`,
    ),
  );
  return name;
}

/** Drops an SAE's decoder index (before reloading its decoders: building it afterwards is faster). */
export async function dropDecoderIndex(db: AtlasDb, saeId: string): Promise<void> {
  await db.orm.execute(sql.raw(`drop index if exists "${decoderIndexName(saeId)}"`));
}

export function decoderIndexName(saeId: string): string {
  return `feature_decoders_hnsw_${createHash('sha256').update(saeId).digest('hex').slice(0, 16)}`;
}

export type DecoderNeighbour = { featureId: number; index: number; cosine: number };

/** Features of the same SAE whose decoders are closest in cosine to this feature's (itself excluded). */
export async function getDecoderNeighbours(db: AtlasDb, featureId: number, limit: number): Promise<DecoderNeighbour[]> {
  const [target] = await db.orm
    .select({ saeId: saes.id, dIn: saes.dIn })
    .from(features)
    .innerJoin(saes, eq(saes.id, features.saeId))
    .where(eq(features.id, featureId));
  if (!target) return [];
  const vector = `decoder::halfvec(${dimension(target.dIn)})`;
  const rows = await queryRows<{ feature_id: number; index: number; distance: number }>(
    db,
    sql`select d.feature_id, f.index, d.distance from (
          select feature_id, ${sql.raw(vector)} <=> (
            select ${sql.raw(vector)} from feature_decoders where feature_id = ${featureId}
          ) as distance
          from feature_decoders
          where sae_id = ${sql.raw(quoteLiteral(target.saeId))}
          order by ${sql.raw(vector)} <=> (
            select ${sql.raw(vector)} from feature_decoders where feature_id = ${featureId}
          )
          limit ${limit + 1}
        ) d join features f on f.id = d.feature_id
        where d.feature_id <> ${featureId}
        order by d.distance limit ${limit}`,
  );
  return rows.map((row) => ({ featureId: Number(row.feature_id), index: row.index, cosine: 1 - Number(row.distance) }));
}

/** A stored SAE's d_in, checked before it is written into SQL as a type modifier. */
function dimension(dIn: number): number {
  if (!Number.isInteger(dIn) || dIn < 1 || dIn > HALFVEC_MAX_DIMENSIONS) throw new RangeError(`halfvec holds 1..${HALFVEC_MAX_DIMENSIONS} dimensions, got ${dIn}`);
  return dIn;
}

export type CrossSaeNeighbour = DecoderNeighbour & { saeId: string };

/**
 * For a feature, the closest decoder directions in each other complete SAE on the same model
 * and hook (same d_in): `limitPerSae` per SAE, through each SAE's HNSW index where it has one
 * (an exact scan otherwise), all in one statement; best cosine first.
 */
export async function getDecoderNeighboursAcrossSaes(
  db: AtlasDb,
  featureId: number,
  options: { limitPerSae: number; saeIds?: readonly string[]; /** At most this many other SAEs, by id (all by default). */ maxSaes?: number },
): Promise<CrossSaeNeighbour[]> {
  const [target] = await db.orm
    .select({ saeId: saes.id, modelId: saes.modelId, hookName: saes.hookName, dIn: saes.dIn })
    .from(features)
    .innerJoin(saes, eq(saes.id, features.saeId))
    .where(eq(features.id, featureId));
  if (!target) return [];
  const others = await db.orm
    .select({ id: saes.id })
    .from(saes)
    .where(sql`${saes.modelId} = ${target.modelId} and ${saes.hookName} = ${target.hookName} and ${saes.dIn} = ${target.dIn}
               and ${saes.status} = 'complete' and ${saes.id} <> ${target.saeId}`);
  const wanted = (options.saeIds ? others.filter((sae) => options.saeIds!.includes(sae.id)) : others)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, options.maxSaes ?? Infinity);
  if (wanted.length === 0 || options.limitPerSae < 1) return [];
  const vector = `decoder::halfvec(${dimension(target.dIn)})`;
  const perSae = wanted.map(
    // The target as a scalar subquery (an InitPlan), not a join: only then can HNSW order the scan.
    (sae) => sql`(select ${sae.id}::text as sae_id, feature_id, ${sql.raw(vector)} <=> (select v from target) as distance
                  from feature_decoders
                  where sae_id = ${sql.raw(quoteLiteral(sae.id))}
                  order by ${sql.raw(vector)} <=> (select v from target)
                  limit ${options.limitPerSae})`,
  );
  const rows = await queryRows<{ sae_id: string; feature_id: number | string; index: number; distance: number }>(
    db,
    sql`with target as (select ${sql.raw(vector)} as v from feature_decoders where feature_id = ${featureId})
        select n.sae_id, n.feature_id, f.index, n.distance
        from (${sql.join(perSae, sql` union all `)}) n
        join features f on f.id = n.feature_id
        order by n.distance, n.sae_id, f.index`,
  );
  return rows.map((row) => ({ saeId: row.sae_id, featureId: Number(row.feature_id), index: row.index, cosine: 1 - Number(row.distance) }));
}
