import { desc, eq, ne, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { builds, saes } from '../schema/index.ts';
import { dropDecoderIndex } from './decoders.ts';

export type SaeBuildState = { checksum: string; status: string };

/**
 * The build an SAE currently shows (its checksum and the SAE's status), or, for an SAE that
 * does not exist, its latest attempt (e.g. `failed`). Null when it was never built.
 */
export async function getSaeBuild(db: AtlasDb, saeId: string): Promise<SaeBuildState | null> {
  const [current] = await db.orm
    .select({ checksum: builds.checksum, status: saes.status })
    .from(saes)
    .innerJoin(builds, eq(builds.id, saes.buildId))
    .where(eq(saes.id, saeId));
  if (current) return current;
  const [latest] = await db.orm
    .select({ checksum: builds.checksum, status: builds.status })
    .from(builds)
    .where(eq(builds.saeId, saeId))
    .orderBy(desc(builds.startedAt), desc(builds.id))
    .limit(1);
  return latest ?? null;
}

/**
 * Removes SAEs whose build never completed (left by a killed run or a non-transactional
 * loader) with all their rows, and marks their builds failed. Returns how many SAEs went.
 */
export async function deleteIncompleteBuilds(db: AtlasDb): Promise<number> {
  return db.transaction(async (tx) => {
    const incomplete = await tx.orm.select({ id: saes.id }).from(saes).where(ne(saes.status, 'complete'));
    for (const { id } of incomplete) await deleteSae(tx, id);
    await tx.orm
      .update(builds)
      .set({ status: 'failed', finishedAt: new Date(), error: 'abandoned: the build never completed' })
      .where(eq(builds.status, 'building'));
    return incomplete.length;
  });
}

/**
 * Deletes an SAE and everything under it. `activations` has no foreign keys (load speed), so
 * its rows go first, explicitly; the rest cascade from `saes`, and its decoder index is
 * dropped. Shared contexts stay.
 *
 * Labels are keyed by (SAE id, feature index), not by the feature rows, so they do not cascade:
 * the build's own labels that no person touched (no human version, vote, review or moderation)
 * go with the SAE, since the next build makes them again; every other label (human ones, with
 * their history, votes and review) stays, and shows again on the features of the rebuilt SAE.
 */
export async function deleteSae(db: AtlasDb, saeId: string): Promise<boolean> {
  await db.orm.execute(
    sql`delete from activations where feature_id in (select id from features where sae_id = ${saeId})`,
  );
  await db.orm.execute(
    sql`delete from labels l
        where l.sae_id = ${saeId} and l.source <> 'human' and l.reviewed_by is null and l.hidden_by is null
          and not exists (select 1 from label_versions v where v.label_id = l.id and v.author_id is not null)
          and not exists (select 1 from label_votes vote where vote.label_id = l.id)`,
  );
  const deleted = await db.orm.delete(saes).where(eq(saes.id, saeId)).returning({ id: saes.id });
  await dropDecoderIndex(db, saeId);
  return deleted.length > 0;
}
