import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { getSaeBuild } from '../queries/builds.ts';
import { saveComparison } from '../queries/comparisons.ts';
import { queryRows } from '../sql/rows.ts';

/**
 * Comparisons travel in a bundle as one optional table (`comparisons.jsonl.gz`, one run per line
 * with its edges by feature index): every complete run with the bundle's SAE on either side. A run
 * needs both SAEs, so it is restored on import only when the other one is in the atlas with the
 * build it was compared at (same checksum); else it is skipped and said why. Whichever of two
 * bundles is imported second restores their comparisons; restoring twice is a no-op.
 */
export const COMPARISONS_TABLE = 'comparisons';

/** One exported run. Edges: [indexA, indexB, score, mutual, assigned, containment | null, coFiring | null], by indexA then rank. */
export interface BundleComparison {
  saeA: string;
  saeB: string;
  checksumA: string;
  checksumB: string;
  method: string;
  params: Record<string, unknown>;
  figures: unknown[];
  approximate: boolean;
  matches: [number, number, number, boolean, boolean, number | null, number | null][];
}

export interface RestoredComparisons {
  restored: number;
  skipped: { saeA: string; saeB: string; method: string; reason: string }[];
}

/** JSON lines of the SAE's complete comparisons (read inside the export's snapshot). */
export async function comparisonLines(tx: AtlasDb, saeId: string): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(tx, sql`
    select json_build_object(
      'saeA', r.source_sae_id, 'saeB', r.target_sae_id, 'checksumA', ba.checksum, 'checksumB', bb.checksum,
      'method', r.method, 'params', r.params, 'figures', r.figures, 'approximate', r.approximate,
      'matches', coalesce((
        select json_agg(json_build_array(fa.index, fb.index, m.score, m.mutual, m.assigned, m.containment, m.co_firing)
                        order by fa.index, m.rank)
        from feature_matches m join features fa on fa.id = m.source_feature_id join features fb on fb.id = m.target_feature_id
        where m.run_id = r.id), '[]'::json))::text as line
    from comparison_runs r
      join saes sa on sa.id = r.source_sae_id join builds ba on ba.id = sa.build_id
      join saes sb on sb.id = r.target_sae_id join builds bb on bb.id = sb.build_id
    where r.status = 'complete' and (r.source_sae_id = ${saeId} or r.target_sae_id = ${saeId})
    order by r.id`);
  return rows.map((row) => row.line);
}

/** Stores the bundle's runs whose two SAEs are here at the builds they were compared at. */
export async function restoreComparisons(db: AtlasDb, runs: readonly BundleComparison[]): Promise<RestoredComparisons> {
  const result: RestoredComparisons = { restored: 0, skipped: [] };
  for (const run of runs) {
    const reason = await whyNotRestorable(db, run);
    if (reason) {
      result.skipped.push({ saeA: run.saeA, saeB: run.saeB, method: run.method, reason });
      continue;
    }
    await saveComparison(db, {
      // A key of its own per run and builds: restoring again replaces the same rows.
      jobId: `bundle:${createHash('sha256').update(JSON.stringify([run.saeA, run.saeB, run.checksumA, run.checksumB, run.method, run.params])).digest('hex').slice(0, 32)}`,
      saeA: run.saeA, saeB: run.saeB, method: run.method, params: run.params, figures: run.figures, approximate: run.approximate,
      matches: run.matches.map(([featureA, featureB, score, mutual, assigned, containment, coFiring]) => ({
        featureA, featureB, score, mutual, assigned,
        ...(containment === null ? {} : { containment }), ...(coFiring === null ? {} : { coFiring }),
      })),
    });
    result.restored += 1;
  }
  return result;
}

async function whyNotRestorable(db: AtlasDb, run: BundleComparison): Promise<string | null> {
  for (const [saeId, checksum] of [[run.saeA, run.checksumA], [run.saeB, run.checksumB]] as const) {
    const build = await getSaeBuild(db, saeId);
    if (!build || build.status !== 'complete') return `${saeId} is not in this atlas; import its bundle, then import this one again`;
    if (build.checksum !== checksum) return `${saeId} here is another build (${build.checksum.slice(0, 19)}…) than the one compared (${checksum.slice(0, 19)}…); rerun the comparison with \`atlas compare\``;
  }
  return null;
}
