import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, real, text } from 'drizzle-orm/pg-core';
import { builds, type BuildStatus } from './builds.ts';
import { createdAt } from './columns.ts';
import { corpora } from './corpora.ts';
import { models } from './models.ts';

/**
 * What a dictionary's features are: trained SAE latents, transcoder latents, the model's own
 * neurons, mixture-of-experts experts, or probe directions. Open set; these are the known ones.
 */
export type DictionaryKind = 'sae' | 'transcoder' | 'crosscoder' | 'neuron' | 'expert' | 'probe';

/**
 * A dictionary of features on one hook of one model (an SAE, or another source by `kind`).
 * `id` is readable: `demo-lm/blocks.2.hook_resid_post/topk-4096`. Only `status = 'complete'`
 * rows are visible to readers.
 */
export const saes = pgTable(
  'saes',
  {
    id: text('id').primaryKey(),
    modelId: text('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    hookName: text('hook_name').notNull(),
    kind: text('kind').$type<DictionaryKind | (string & {})>().notNull().default('sae'),
    architecture: text('architecture').notNull(),
    dIn: integer('d_in').notNull(),
    width: integer('width').notNull(),
    k: integer('k'),
    trainingTokens: bigint('training_tokens', { mode: 'number' }),
    statisticsTokens: bigint('statistics_tokens', { mode: 'number' }),
    /** Corpus the feature statistics and examples were computed on. */
    corpusId: text('corpus_id').references(() => corpora.id, { onDelete: 'set null' }),
    l0: real('l0'),
    fvu: real('fvu'),
    deadFraction: real('dead_fraction'),
    /** The SAE's weights folder (SAELens) on the machine that built it: comparisons that encode read it. */
    weightsPath: text('weights_path'),
    /**
     * The atoms metrics (`evaluateSource` with atoms, on the build's activations): R² averaged over
     * dimensions, decoder coherence μ, mean AIP, the share of rows whose support size K meets the
     * uniqueness bound μ < 1/(2K − 1) (q*), and the largest such K (null when unbounded, μ = 0).
     * Null when the build did not compute them.
     */
    r2: real('r2'),
    coherence: real('coherence'),
    aip: real('aip'),
    uniqueShare: real('unique_share'),
    maxUniqueSupport: real('max_unique_support'),
    status: text('status').$type<BuildStatus>().notNull().default('building'),
    buildId: bigint('build_id', { mode: 'number' }).references(() => builds.id, { onDelete: 'set null' }),
    /**
     * The folder its weights were built into or loaded from, on the machine that built the atlas
     * (like `models.source_path`), so the API can run the SAE on a text (featuresForText). Null for
     * an imported bundle, which carries no weights.
     */
    createdAt: createdAt(),
  },
  (t) => [
    index('saes_model_idx').on(t.modelId),
    check('saes_status_check', sql`${t.status} in ('building', 'complete', 'failed')`),
  ],
);
