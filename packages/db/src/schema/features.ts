import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { halfvec } from './columns.ts';
import { saes } from './saes.ts';

/**
 * One feature (latent) of a dictionary. Readable id `${saeId}/${index}`; `id` is the compact
 * key every other table uses.
 */
export const features = pgTable(
  'features',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    saeId: text('sae_id')
      .notNull()
      .references(() => saes.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(),
    /** Share of tokens on which the feature fires (value > 0). */
    density: real('density').notNull(),
    maxActivation: real('max_activation').notNull(),
    meanActivation: real('mean_activation').notNull(),
    /** 2-D UMAP of the SAE's decoder directions, for the feature map (null until computed). */
    umapX: real('umap_x'),
    umapY: real('umap_y'),
    /** The feature's cluster on the map (`map_clusters.cluster` of its SAE); null: not clustered or noise. */
    mapCluster: integer('map_cluster'),
    /** Cosine between the feature's encoder column and decoder row (null when not computed). */
    encoderDecoderCosine: real('encoder_decoder_cosine'),
    /** Never fired in the statistics pass. */
    isDead: boolean('is_dead').notNull().default(false),
    /** Fired on more than 10% of the statistics tokens. */
    isDense: boolean('is_dense').notNull().default(false),
  },
  (t) => [unique('features_sae_index_unique').on(t.saeId, t.index)],
);

/**
 * Decoder row of each feature as pgvector `halfvec` (any length). `sae_id` is repeated here so
 * per-SAE partial HNSW indexes can be declared (`createDecoderIndex`).
 */
export const featureDecoders = pgTable(
  'feature_decoders',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .primaryKey()
      .references(() => features.id, { onDelete: 'cascade' }),
    saeId: text('sae_id')
      .notNull()
      .references(() => saes.id, { onDelete: 'cascade' }),
    decoder: halfvec('decoder').notNull(),
  },
  (t) => [index('feature_decoders_sae_idx').on(t.saeId)],
);

/** Activation histogram of a feature, one row per bin over its non-zero activations. */
export const featureHistogramBins = pgTable(
  'feature_histogram_bins',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    bin: smallint('bin').notNull(),
    lower: real('lower').notNull(),
    upper: real('upper').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.featureId, t.bin] })],
);

/**
 * Quantile bins of a feature's per-context maxima (from a uniform reservoir of the contexts where
 * it fired). Their examples are `feature_examples` rows of kind 'quantile' with rank / 5 = bin.
 */
export const featureQuantileBins = pgTable(
  'feature_quantile_bins',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    bin: smallint('bin').notNull(),
    lower: real('lower').notNull(),
    upper: real('upper').notNull(),
    /** Reservoir entries in the bin. */
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.featureId, t.bin] })],
);
