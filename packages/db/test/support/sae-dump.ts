import { sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../../src/index.ts';

const ctx = (alias: string) => sql.raw(`(select jsonb_build_array(c.corpus_id, c.document_id, c.start_token, c.token_ids, c.tokens)
  from contexts c where c.id = ${alias}.context_id)`);

/**
 * Everything the database holds for one SAE, with row ids replaced by what they stand for
 * (feature index, context window), so two databases can be compared whatever ids they gave.
 */
export async function dumpSae(db: AtlasDb, saeId: string): Promise<Record<string, unknown[]>> {
  const queries: Record<string, SQL> = {
    sae: sql`select s.id, s.model_id, s.hook_name, s.kind, s.architecture, s.d_in, s.width, s.k,
               -- bigint: a string from node-postgres, a number from PGlite; float8 is a number from both
               s.training_tokens::float8 as training_tokens, s.statistics_tokens::float8 as statistics_tokens,
               s.corpus_id, s.l0, s.fvu, s.dead_fraction, s.status, b.checksum, b.row_counts
             from saes s join builds b on b.id = s.build_id where s.id = ${saeId}`,
    model: sql`select m.id, m.display_name, m.architecture, m.layer_count, m.d_model, m.vocab_size, m.context_length
               from models m join saes s on s.model_id = m.id where s.id = ${saeId}`,
    features: sql`select f.index, f.density, f.max_activation, f.mean_activation, f.encoder_decoder_cosine, f.is_dead, f.is_dense,
                    f.umap_x, f.umap_y, d.decoder::text as decoder
                  from features f join feature_decoders d on d.feature_id = f.id where f.sae_id = ${saeId} order by f.index`,
    examples: sql`select f.index, e.kind, e.rank, e.max_value, e.max_position, ${ctx('e')} as context
                  from feature_examples e join features f on f.id = e.feature_id where f.sae_id = ${saeId}
                  order by f.index, e.kind, e.rank`,
    activations: sql`select f.index, a.position, a.value, ${ctx('a')} as context
                     from activations a join features f on f.id = a.feature_id where f.sae_id = ${saeId}
                     order by f.index, 4, a.position`,
    histograms: sql`select f.index, h.bin, h.lower, h.upper, h.count from feature_histogram_bins h
                    join features f on f.id = h.feature_id where f.sae_id = ${saeId} order by f.index, h.bin`,
    quantileBins: sql`select f.index, q.bin, q.lower, q.upper, q.count from feature_quantile_bins q
                      join features f on f.id = q.feature_id where f.sae_id = ${saeId} order by f.index, q.bin`,
    neighbours: sql`select f.index, n.method, n.rank, g.index as neighbour, n.score from feature_neighbours n
                    join features f on f.id = n.feature_id join features g on g.id = n.neighbour_id
                    where f.sae_id = ${saeId} order by f.index, n.method, n.rank`,
    logitEffects: sql`select f.index, l.direction, l.rank, l.token_id, l.token, l.value from feature_logit_effects l
                      join features f on f.id = l.feature_id where f.sae_id = ${saeId} order by f.index, l.direction, l.rank`,
    headAttributions: sql`select f.index, h.head, h.share from feature_head_attributions h
                          join features f on f.id = h.feature_id where f.sae_id = ${saeId} order by f.index, h.head`,
    labels: sql`select l.feature_index as index, l.source, l.method, v.version, v.text, v.author_model from labels l
                join label_versions v on v.label_id = l.id
                where l.sae_id = ${saeId} order by l.feature_index, l.source, v.version`,
  };
  const dump: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(queries)) {
    // Through JSON, as an API client sees them (-0 and 0 are one number there, and the unnest
    // and COPY paths both write -0 as 0).
    dump[name] = JSON.parse(JSON.stringify(((await db.orm.execute(query)) as unknown as { rows: unknown[] }).rows));
  }
  return dump;
}
