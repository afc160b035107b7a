import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type AtlasDb } from '../src/index.ts';
import { queryRows } from '../src/sql/rows.ts';
import { drivers } from './drivers.ts';

describe.each(drivers)('migrations (%s)', (_name, open) => {
  let db: AtlasDb;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('installs pgvector and every table', async () => {
    const extensions = await queryRows<{ extname: string }>(db, sql`select extname from pg_extension`);
    expect(extensions.map((e) => e.extname)).toContain('vector');
    const tables = await queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name).sort()).toEqual(
      [
        'activations', 'api_keys', 'builds', 'comparison_runs', 'contexts', 'corpora', 'data_pools',
        'feature_decoders', 'feature_examples', 'feature_head_attributions', 'feature_histogram_bins', 'feature_logit_effects', 'feature_quantile_bins',
        'feature_search_documents', 'search_embedders',
        'feature_matches', 'feature_neighbours', 'features', 'job_result_chunks', 'job_results', 'jobs', 'label_scores', 'label_versions', 'label_votes', 'labels',
        'lens_feature_scores', 'lenses', 'map_clusters', 'models', 'pool_representations', 'pool_sample_vectors', 'pool_samples', 'rate_limits', 'saes',
        'selection_features', 'selection_items', 'selections', 'sessions', 'users',
      ].sort(),
    );
  });

  it('stores decoders as dimensionless halfvec', async () => {
    const [column] = await queryRows<{ type: string }>(
      db,
      sql`select format_type(atttypid, atttypmod) as type from pg_attribute
          where attrelid = 'feature_decoders'::regclass and attname = 'decoder'`,
    );
    expect(column?.type).toBe('halfvec');
  });

  it('is idempotent', async () => {
    await migrate(db);
    const [applied] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(applied?.n).toBeGreaterThanOrEqual(1);
  });
});
