import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { queryRows } from '../sql/rows.ts';

/**
 * Brings one feature's search document in line with which of its labels are visible, right when a
 * moderator hides (or shows) a label, so a hidden label stops matching at once rather than at the
 * next `atlas build`/`import`. The full-text side (label_text, whose tsvector is generated, and the
 * label parts shown as matches) is rewritten from the visible labels here, in SQL, the way the
 * indexer writes it (latest version of each label, one per line, whitespace collapsed). The
 * embedding cannot be recomputed here (the embedder lives in @atlas/search), and it still carries
 * the hidden text, so it is dropped and the document marked changed: the feature is found by
 * words only until the next index run re-embeds it (isSearchIndexFresh sees the moderation).
 * Returns whether the feature had a document.
 */
export async function syncSearchLabelVisibility(db: AtlasDb, labelId: number): Promise<boolean> {
  const rows = await queryRows<{ feature_id: number | string }>(
    db,
    sql`with target as (
          select f.id as feature_id, f.sae_id, f.index
          from labels t join features f on f.sae_id = t.sae_id and f.index = t.feature_index
          where t.id = ${labelId}
        ),
        visible as (
          select l.id, l.source, l.method, regexp_replace(btrim(v.text), '\\s+', ' ', 'g') as text
          from target
          join labels l on l.sae_id = target.sae_id and l.feature_index = target.index and not l.hidden
          join lateral (select text from label_versions where label_id = l.id order by version desc limit 1) v on true
        )
        update feature_search_documents d set
          label_text = coalesce((select string_agg(text, E'\\n' order by id) from visible), ''),
          label_sources = coalesce((select array_agg(distinct source) from visible), '{}'),
          parts = coalesce((select jsonb_agg(jsonb_build_object('kind', 'label', 'source', source, 'method', method, 'text', text) order by id) from visible), '[]'::jsonb)
            || coalesce((select jsonb_agg(p) from jsonb_array_elements(d.parts) p where p->>'kind' <> 'label'), '[]'::jsonb),
          embedding = null,
          content_hash = 'moderated'
        from target
        where d.feature_id = target.feature_id
        returning d.feature_id`,
  );
  return rows.length > 0;
}
