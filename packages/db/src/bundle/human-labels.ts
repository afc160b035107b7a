import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';

/**
 * Human labels in a bundle (`atlas export --with-labels`): each line is one label thread with its
 * every version, its votes and its review and moderation state. Users are not carried as ids
 * (ids mean nothing in another atlas) but as handles, mapped back on import: an unknown handle
 * keeps the label with no author, and a vote by an unknown handle is dropped (a vote needs a
 * voter); the import summary says how many of each. Optional: bundles without it load as before,
 * and an atlas that predates it refuses a bundle that has it rather than drop the labels quietly.
 */
export const HUMAN_LABELS_TABLE = 'human_labels';

/** Timestamps travel as Postgres' own text (microseconds kept), so a re-import finds the same thread. */
export type HumanLabelLine = {
  featureIndex: number;
  createdBy: string | null;
  createdAt: string;
  reviewState: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  hidden: boolean;
  hiddenBy: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
  versions: {
    version: number; text: string; tags: string[]; source: string; method: string | null;
    author: string | null; authorModel: string | null; createdAt: string;
  }[];
  votes: { voter: string; value: number; createdAt: string }[];
};

export type HumanLabelImport = {
  /** Label threads written. */
  labels: number;
  /** Threads already in this atlas (same feature, start time and first text): skipped, so a re-import adds nothing. */
  alreadyPresent: number;
  versions: number;
  votes: number;
  /** Votes whose voter has no account here (dropped). */
  votesDropped: number;
  /** Handles of the bundle with no account in this atlas, sorted: their labels and versions are kept with no author. */
  unknownHandles: string[];
};

/** One JSON line per human label of the SAE's features with index in [lo, hi), oldest first. */
export function humanLabelsQuery(saeId: string, lo: number, hi: number) {
  const handle = (column: string) => sql.raw(`(select handle from users u where u.id = ${column})`);
  return sql`
    select json_build_object(
      'featureIndex', l.feature_index, 'createdBy', ${handle('l.created_by')}, 'createdAt', l.created_at::text,
      'reviewState', l.review_state, 'reviewedBy', ${handle('l.reviewed_by')}, 'reviewedAt', l.reviewed_at::text,
      'reviewNote', l.review_note, 'hidden', l.hidden, 'hiddenBy', ${handle('l.hidden_by')}, 'hiddenAt', l.hidden_at::text,
      'hiddenReason', l.hidden_reason,
      'versions', (select json_agg(json_build_object(
          'version', v.version, 'text', v.text, 'tags', v.tags, 'source', v.source, 'method', v.method,
          'author', ${handle('v.author_id')}, 'authorModel', v.author_model, 'createdAt', v.created_at::text) order by v.version)
        from label_versions v where v.label_id = l.id),
      'votes', coalesce((select json_agg(json_build_object('voter', u.handle, 'value', o.value, 'createdAt', o.created_at::text)
          order by u.handle)
        from label_votes o join users u on u.id = o.user_id where o.label_id = l.id), '[]')
    )::text as line
    from labels l
    where l.sae_id = ${saeId} and l.source = 'human' and l.feature_index >= ${lo} and l.feature_index < ${hi}
    order by l.feature_index, l.created_at, l.id`;
}

/**
 * Writes a bundle's human labels into this atlas in one transaction (all or none). A thread
 * already here (same feature, creation time and first version's text) is skipped, so importing
 * the same bundle twice, or into the atlas it came from, duplicates nothing.
 */
export async function importHumanLabels(db: AtlasDb, saeId: string, lines: readonly HumanLabelLine[]): Promise<HumanLabelImport> {
  const summary: HumanLabelImport = { labels: 0, alreadyPresent: 0, versions: 0, votes: 0, votesDropped: 0, unknownHandles: [] };
  if (lines.length === 0) return summary;
  return db.transaction(async (tx) => {
    const handles = new Set<string>();
    for (const line of lines) {
      for (const name of [line.createdBy, line.reviewedBy, line.hiddenBy, ...line.versions.map((v) => v.author), ...line.votes.map((v) => v.voter)]) {
        if (name) handles.add(name);
      }
    }
    const found = await queryRows<{ id: number | string; handle: string }>(
      tx, sql`select id, handle from users where handle = any(${pgArray([...handles], 'text')})`,
    );
    const ids = new Map(found.map((row) => [row.handle, Number(row.id)]));
    summary.unknownHandles = [...handles].filter((name) => !ids.has(name)).sort();
    const userId = (name: string | null) => (name ? ids.get(name) ?? null : null);

    for (const line of lines) {
      const first = line.versions[0];
      if (!first) continue; // a thread always has a version; a line without one carries nothing to keep
      const [present] = await queryRows<{ id: number | string }>(
        tx,
        sql`select l.id from labels l join label_versions v on v.label_id = l.id and v.version = 1
            where l.sae_id = ${saeId} and l.feature_index = ${line.featureIndex} and l.source = 'human'
              and l.created_at = ${line.createdAt}::timestamptz and v.text = ${first.text} limit 1`,
      );
      if (present) {
        summary.alreadyPresent += 1;
        continue;
      }
      const [created] = await queryRows<{ id: number | string }>(
        tx,
        sql`insert into labels (sae_id, feature_index, source, created_by, created_at, review_state, reviewed_by, reviewed_at,
              review_note, hidden, hidden_by, hidden_at, hidden_reason)
            values (${saeId}, ${line.featureIndex}, 'human', ${userId(line.createdBy)}, ${line.createdAt}::timestamptz,
              ${line.reviewState}, ${userId(line.reviewedBy)}, ${line.reviewedAt}::timestamptz, ${line.reviewNote}, ${line.hidden},
              ${userId(line.hiddenBy)}, ${line.hiddenAt}::timestamptz, ${line.hiddenReason})
            returning id`,
      );
      const labelId = Number(created!.id);
      const versions = line.versions.map((v) => ({ ...v, author_id: userId(v.author), author_model: v.authorModel, created_at: v.createdAt }));
      await tx.orm.execute(sql`
        insert into label_versions (label_id, version, text, tags, source, method, author_id, author_model, created_at)
        select ${labelId}, version, text, tags, source, method, author_id, author_model, created_at
        from jsonb_to_recordset(${JSON.stringify(versions)}::jsonb) as r(
          version int, text text, tags text[], source text, method text, author_id bigint, author_model text, created_at timestamptz)`);
      const votes = line.votes.flatMap((vote) => {
        const voter = userId(vote.voter);
        return voter === null ? [] : [{ user_id: voter, value: vote.value, created_at: vote.createdAt }];
      });
      if (votes.length > 0) {
        await tx.orm.execute(sql`
          insert into label_votes (label_id, user_id, value, created_at)
          select ${labelId}, user_id, value, created_at
          from jsonb_to_recordset(${JSON.stringify(votes)}::jsonb) as r(user_id bigint, value smallint, created_at timestamptz)`);
      }
      summary.labels += 1;
      summary.versions += versions.length;
      summary.votes += votes.length;
      summary.votesDropped += line.votes.length - votes.length;
    }
    return summary;
  });
}
