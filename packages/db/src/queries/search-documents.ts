import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { formatVector } from '../schema/columns.ts';
import type { LabelSource } from '../schema/labels.ts';
import type { SearchDocumentPart } from '../schema/search.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';

export type { SearchDocumentPart } from '../schema/search.ts';

/** An embedder as stored beside its vectors (`id` = `name@version#<checksum prefix>`). */
export type SearchEmbedderRow = { id: string; name: string; version: string; checksum: string; dimensions: number };

/** Records an embedder (idempotent). */
export async function upsertSearchEmbedder(db: AtlasDb, embedder: SearchEmbedderRow): Promise<void> {
  await db.orm.execute(
    sql`insert into search_embedders (id, name, version, checksum, dimensions)
        values (${embedder.id}, ${embedder.name}, ${embedder.version}, ${embedder.checksum}, ${embedder.dimensions})
        on conflict (id) do nothing`,
  );
}

/** What the indexer reads of a feature: its labels (latest version of each) and its top contexts near the peak. */
export type FeatureSearchEvidence = {
  featureId: number;
  index: number;
  density: number;
  labels: { source: LabelSource; method: string | null; text: string }[];
  /** Up to `contexts` top contexts, strongest first, cut to `window` tokens either side of the peak. */
  contexts: { tokens: string[]; maxPosition: number }[];
};

/** One page of an SAE's features (by index, after `afterIndex`) with their search evidence, in one query. */
export async function getFeatureSearchEvidence(
  db: AtlasDb,
  args: { saeId: string; afterIndex: number | null; limit: number; contexts?: number; window?: number },
): Promise<FeatureSearchEvidence[]> {
  const contexts = args.contexts ?? 20;
  const window = args.window ?? 8;
  const rows = await queryRows<{
    id: number | string; index: number; density: number;
    labels: FeatureSearchEvidence['labels']; contexts: { tokens: string[]; max_position: number }[];
  }>(
    db,
    sql`select f.id, f.index, f.density,
          coalesce((
            select json_agg(json_build_object('source', l.source, 'method', l.method, 'text', v.text) order by l.id)
            from labels l
            join lateral (select text from label_versions where label_id = l.id order by version desc limit 1) v on true
            where l.sae_id = f.sae_id and l.feature_index = f.index and not l.hidden
          ), '[]') as labels,
          coalesce((
            select json_agg(json_build_object(
                     'tokens', c.tokens[greatest(1, e.max_position + 1 - ${window}) : e.max_position + 1 + ${window}],
                     'max_position', e.max_position + 1 - greatest(1, e.max_position + 1 - ${window})
                   ) order by e.rank)
            from feature_examples e join contexts c on c.id = e.context_id
            where e.feature_id = f.id and e.kind = 'top' and e.rank < ${contexts}
          ), '[]') as contexts
        from features f
        where f.sae_id = ${args.saeId} and f.index > ${args.afterIndex ?? -1}
        order by f.index
        limit ${args.limit}`,
  );
  return rows.map((row) => ({
    featureId: Number(row.id),
    index: row.index,
    density: row.density,
    labels: row.labels,
    contexts: row.contexts.map((context) => ({ tokens: context.tokens, maxPosition: context.max_position })),
  }));
}

/** A feature's search document as the indexer writes it. */
export type SearchDocumentInput = {
  featureId: number;
  saeId: string;
  density: number;
  labelText: string;
  labelSources: LabelSource[];
  peakText: string;
  contextText: string;
  parts: SearchDocumentPart[];
  /** Null when the embedder found no meaning in the text. */
  embedding: ArrayLike<number> | null;
  embedderId: string;
  /** The indexer's version (a new one rebuilds every document). */
  formatVersion: number;
};

/** The hash that tells the indexer a document's text is unchanged. */
export function searchDocumentHash(document: Pick<SearchDocumentInput, 'labelText' | 'peakText' | 'contextText' | 'parts'>): string {
  const { labelText, peakText, contextText, parts } = document;
  return createHash('sha256').update(JSON.stringify([labelText, peakText, contextText, parts])).digest('hex');
}

export type SearchDocumentState = { contentHash: string; embedderId: string; formatVersion: number };

/** Content hash, embedder and indexer version of the stored documents of these features. */
export async function getSearchDocumentStates(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, SearchDocumentState>> {
  if (featureIds.length === 0) return new Map();
  const rows = await queryRows<{ feature_id: number | string; content_hash: string; embedder_id: string; format_version: number }>(
    db,
    sql`select feature_id, content_hash, embedder_id, format_version
        from feature_search_documents where feature_id = any(${pgArray(featureIds, 'bigint')})`,
  );
  return new Map(rows.map((row) => [
    Number(row.feature_id), { contentHash: row.content_hash, embedderId: row.embedder_id, formatVersion: row.format_version },
  ]));
}

/** Inserts or replaces documents, all in one statement (one JSON parameter, whatever the count). */
export async function upsertSearchDocuments(db: AtlasDb, documents: readonly SearchDocumentInput[]): Promise<void> {
  if (documents.length === 0) return;
  const rows = documents.map((d) => ({
    feature_id: d.featureId, sae_id: d.saeId, density: d.density, label_text: d.labelText, label_sources: d.labelSources,
    peak_text: d.peakText, context_text: d.contextText, parts: d.parts,
    embedding: d.embedding === null ? null : formatVector(d.embedding), embedder_id: d.embedderId, content_hash: searchDocumentHash(d),
    format_version: d.formatVersion,
  }));
  await db.orm.execute(
    sql`insert into feature_search_documents
          (feature_id, sae_id, density, label_text, label_sources, peak_text, context_text, parts, embedding, embedder_id, content_hash, format_version)
        select feature_id, sae_id, density, label_text, label_sources, peak_text, context_text, parts, embedding::halfvec, embedder_id, content_hash,
               format_version
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          feature_id bigint, sae_id text, density real, label_text text, label_sources text[], peak_text text, context_text text,
          parts jsonb, embedding text, embedder_id text, content_hash text, format_version smallint)
        on conflict (feature_id) do update set
          sae_id = excluded.sae_id, density = excluded.density, label_text = excluded.label_text,
          label_sources = excluded.label_sources, peak_text = excluded.peak_text, context_text = excluded.context_text,
          parts = excluded.parts, embedding = excluded.embedding, embedder_id = excluded.embedder_id,
          content_hash = excluded.content_hash, format_version = excluded.format_version, indexed_at = now()`,
  );
}

/** Removes the documents of these features (a feature that lost all its evidence). */
export async function deleteSearchDocuments(db: AtlasDb, featureIds: readonly number[]): Promise<number> {
  if (featureIds.length === 0) return 0;
  const rows = await queryRows<{ feature_id: number }>(
    db,
    sql`delete from feature_search_documents where feature_id = any(${pgArray(featureIds, 'bigint')}) returning feature_id`,
  );
  return rows.length;
}

/**
 * Whether an SAE's search index is up to date: every feature with a label or a top example (what
 * the indexer makes a document of) has a document by this embedder and indexer version, and no
 * label changed, was hidden or shown since.
 */
export async function isSearchIndexFresh(db: AtlasDb, saeId: string, embedderId: string, formatVersion: number): Promise<boolean> {
  const [row] = await queryRows<{ needed: number; current: number; stale_labels: boolean }>(
    db,
    sql`select
          count(*) filter (where n.needs)::int as needed,
          count(*) filter (where n.needs and d.embedder_id = ${embedderId} and d.format_version = ${formatVersion})::int as current,
          exists (
            select 1 from label_versions v join labels l on l.id = v.label_id
            where l.sae_id = ${saeId}
              and v.created_at > (select min(indexed_at) from feature_search_documents where sae_id = ${saeId})
          ) or exists (
            -- a label hidden or shown since (syncSearchLabelVisibility dropped that document's embedding)
            select 1 from labels l
            join features f on f.sae_id = l.sae_id and f.index = l.feature_index
            join feature_search_documents d on d.feature_id = f.id
            where l.sae_id = ${saeId} and l.hidden_at > d.indexed_at
          ) as stale_labels
        from (
          select f.id,
                 exists (select 1 from labels l where l.sae_id = f.sae_id and l.feature_index = f.index and not l.hidden)
                   or exists (select 1 from feature_examples e where e.feature_id = f.id and e.kind = 'top') as needs
          from features f where f.sae_id = ${saeId}
        ) n
        left join feature_search_documents d on d.feature_id = n.id`,
  );
  return row !== undefined && row.needed === row.current && !row.stale_labels;
}
