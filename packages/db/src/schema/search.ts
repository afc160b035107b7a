import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, real, smallint, text } from 'drizzle-orm/pg-core';
import { createdAt, halfvec, tsvector } from './columns.ts';
import { features } from './features.ts';
import type { LabelSource } from './labels.ts';
import { saes } from './saes.ts';

/**
 * Every embedder that made a stored search vector: `id` is `name@version#<checksum prefix>`, so
 * a search is reproducible and a new embedder (other weights or method) re-embeds.
 */
export const searchEmbedders = pgTable(
  'search_embedders',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    version: text('version').notNull(),
    checksum: text('checksum').notNull(),
    dimensions: integer('dimensions').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('search_embedders_dimensions_check', sql`${t.dimensions} between 1 and 4000`)],
);

/** One piece of a search document, as search results show what matched. */
export type SearchDocumentPart =
  | { kind: 'label'; source: LabelSource; method: string | null; text: string }
  | { kind: 'peaks'; text: string }
  | { kind: 'contexts'; text: string };

/**
 * What search sees of a feature: every label it has (with its source) and the text of its
 * evidence (the words it peaks on, the words around them), as a weighted tsvector (labels A,
 * peak words B, context C) and one embedding. `sae_id` and `density` are copied from the
 * feature so filters run inside the vector index scan; the HNSW index is per embedder
 * (`createSearchVectorIndex`: a partial expression index, as for decoders).
 */
export const featureSearchDocuments = pgTable(
  'feature_search_documents',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .primaryKey()
      .references(() => features.id, { onDelete: 'cascade' }),
    saeId: text('sae_id')
      .notNull()
      .references(() => saes.id, { onDelete: 'cascade' }),
    density: real('density').notNull(),
    labelText: text('label_text').notNull(),
    labelSources: text('label_sources').array().$type<LabelSource[]>().notNull(),
    peakText: text('peak_text').notNull(),
    contextText: text('context_text').notNull(),
    parts: jsonb('parts').$type<SearchDocumentPart[]>().notNull(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', "label_text"), 'A') || setweight(to_tsvector('english', "peak_text"), 'B') || setweight(to_tsvector('english', "context_text"), 'C')`,
      ),
    /** Null when the embedder found no meaning in the text (no known word). */
    embedding: halfvec('embedding'),
    embedderId: text('embedder_id')
      .notNull()
      .references(() => searchEmbedders.id),
    /** sha256 of the text parts: an unchanged document is not embedded again. */
    contentHash: text('content_hash').notNull(),
    /** Version of the indexer that wrote the document: a new one rebuilds every document. */
    formatVersion: smallint('format_version').notNull(),
    indexedAt: createdAt('indexed_at'),
  },
  (t) => [
    index('feature_search_documents_search_idx').using('gin', t.search),
    index('feature_search_documents_sae_idx').on(t.saeId),
    index('feature_search_documents_embedder_idx').on(t.embedderId),
  ],
);
