import { sql, type SQL } from 'drizzle-orm';
import type { IngestSaeInput } from '../queries/ingest/types.ts';

/**
 * The tables of a bundle, one file each. Every row is one JSON object whose fields are the
 * ingest input's (camelCase), so `load` hands them to `ingestSaeAtlas` as they are; features
 * are named by index and contexts by a bundle-local `key`, never by database ids.
 * Adding a table to bundles is one entry here (its query and where its rows go).
 */
export interface BundleTable {
  /** File stem and manifest key. */
  name: string;
  /** JSON lines for the SAE's features with index in [lo, hi), in a stable order. */
  query: (saeId: string, lo: number, hi: number) => SQL;
  /** Puts the parsed rows into the ingest input. */
  load: (rows: unknown[], input: IngestSaeInput) => void;
  /** Bundles exported before the table existed lack its file; they load with no rows for it. */
  optional?: true;
}

/** Joins a per-feature table to its SAE's features in [lo, hi). */
const ofFeatures = (alias: string, saeId: string, lo: number, hi: number) =>
  sql`join features f on f.id = ${sql.raw(alias)}.feature_id where f.sae_id = ${saeId} and f.index >= ${lo} and f.index < ${hi}`;

type Rows<K extends keyof IngestSaeInput> = NonNullable<IngestSaeInput[K]>;
type OptionalTable = 'quantileBins' | 'neighbours' | 'logitEffects' | 'headAttributions' | 'labels';

/** Appends one by one: `push(...rows)` passes every row as an argument and overflows the stack past ~100k rows (the demo atlas has 360k activations). */
function append<T>(list: T[], rows: readonly T[]): void {
  for (const row of rows) list.push(row);
}

/** Optional inputs stay absent when the bundle has no rows for them, as in the exported build. */
function appendOptional<K extends OptionalTable>(input: IngestSaeInput, key: K, rows: unknown[]): void {
  if (rows.length === 0) return;
  append((input[key] ??= [] as never) as unknown[], rows);
}

export const BUNDLE_TABLES: readonly BundleTable[] = [
  {
    name: 'features',
    // Decoder rows as JSON arrays of the stored halfvec values: halfvec's text form is JSON.
    query: (saeId, lo, hi) => sql`
      select json_build_object(
        'index', f.index, 'density', f.density, 'maxActivation', f.max_activation, 'meanActivation', f.mean_activation,
        'encoderDecoderCosine', f.encoder_decoder_cosine, 'isDead', f.is_dead, 'isDense', f.is_dense,
        'umapX', f.umap_x, 'umapY', f.umap_y, 'mapCluster', f.map_cluster, 'decoder', d.decoder::text::json)::text as line
      from features f join feature_decoders d on d.feature_id = f.id
      where f.sae_id = ${saeId} and f.index >= ${lo} and f.index < ${hi} order by f.index`,
    load: (rows, input) => {
      for (const row of rows as (Omit<Rows<'features'>[number], 'decoder'> & { decoder: number[] })[]) {
        input.features.push({ ...row, decoder: Float32Array.from(row.decoder) });
      }
    },
  },
  {
    name: 'examples',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'contextKey', e.context_id::text, 'kind', e.kind, 'rank', e.rank,
        'maxValue', e.max_value, 'maxPosition', e.max_position)::text as line
      from feature_examples e ${ofFeatures('e', saeId, lo, hi)} order by f.index, e.kind, e.rank`,
    load: (rows, input) => append(input.examples, rows as Rows<'examples'>),
  },
  {
    name: 'activations',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'contextKey', a.context_id::text, 'position', a.position,
        'value', a.value)::text as line
      from activations a ${ofFeatures('a', saeId, lo, hi)} order by f.index, a.context_id, a.position`,
    load: (rows, input) => append(input.activations, rows as Rows<'activations'>),
  },
  {
    name: 'histogram_bins',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'bin', h.bin, 'lower', h.lower, 'upper', h.upper, 'count', h.count)::text as line
      from feature_histogram_bins h ${ofFeatures('h', saeId, lo, hi)} order by f.index, h.bin`,
    load: (rows, input) => append(input.histograms, histogramsFromBins(rows as HistogramBin[])),
  },
  {
    name: 'quantile_bins',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'bin', q.bin, 'lower', q.lower, 'upper', q.upper, 'count', q.count)::text as line
      from feature_quantile_bins q ${ofFeatures('q', saeId, lo, hi)} order by f.index, q.bin`,
    load: (rows, input) => appendOptional(input, 'quantileBins', rows),
  },
  {
    name: 'neighbours',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'method', n.method, 'rank', n.rank, 'neighbourIndex', g.index,
        'score', n.score)::text as line
      from feature_neighbours n join features g on g.id = n.neighbour_id ${ofFeatures('n', saeId, lo, hi)}
      order by f.index, n.method, n.rank`,
    load: (rows, input) => appendOptional(input, 'neighbours', rows),
  },
  {
    name: 'logit_effects',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'direction', l.direction, 'rank', l.rank, 'tokenId', l.token_id,
        'token', l.token, 'value', l.value)::text as line
      from feature_logit_effects l ${ofFeatures('l', saeId, lo, hi)} order by f.index, l.direction, l.rank`,
    load: (rows, input) => appendOptional(input, 'logitEffects', rows),
  },
  {
    name: 'head_attributions',
    query: (saeId, lo, hi) => sql`
      select json_build_object('featureIndex', f.index, 'head', h.head, 'share', h.share)::text as line
      from feature_head_attributions h ${ofFeatures('h', saeId, lo, hi)} order by f.index, h.head`,
    load: (rows, input) => appendOptional(input, 'headAttributions', rows),
  },
  {
    // Labels the build made (machine / llm, one per feature, as the ingest writes them), with
    // their newest text. Human labels, their history and votes belong to users: not in bundles.
    name: 'labels',
    query: (saeId, lo, hi) => sql`
      select distinct on (f.index) json_build_object('featureIndex', f.index, 'text', v.text, 'source', l.source,
        'method', l.method, 'authorModel', v.author_model)::text as line
      from labels l join label_versions v on v.label_id = l.id
        join features f on f.sae_id = l.sae_id and f.index = l.feature_index
      where f.sae_id = ${saeId} and f.index >= ${lo} and f.index < ${hi} and l.source in ('machine', 'llm')
      order by f.index, l.created_at desc, l.id desc, v.version desc`,
    load: (rows, input) => appendOptional(input, 'labels', (rows as Rows<'labels'>).map(({ authorModel, ...label }) => ({
      ...label, ...(authorModel == null ? {} : { authorModel }),
    }))),
  },
  {
    name: 'map_clusters',
    optional: true,
    // Per SAE, not per feature: written with the first page of features only.
    query: (saeId, lo) => sql`
      select json_build_object('cluster', m.cluster, 'caption', m.caption, 'x', m.x, 'y', m.y, 'size', m.size)::text as line
      from map_clusters m where m.sae_id = ${saeId} and ${lo}::int = 0 order by m.cluster`,
    load: (rows, input) => {
      if (rows.length > 0) append((input.mapClusters ??= []), rows as Rows<'mapClusters'>);
    },
  },
];

type HistogramBin = { featureIndex: number; bin: number; lower: number; upper: number; count: number };

/** Bins (one row each in the database and the bundle) back to the ingest's edges + counts per feature. */
function histogramsFromBins(bins: readonly HistogramBin[]): IngestSaeInput['histograms'] {
  const byFeature = new Map<number, HistogramBin[]>();
  for (const bin of bins) {
    const list = byFeature.get(bin.featureIndex) ?? [];
    list.push(bin);
    byFeature.set(bin.featureIndex, list);
  }
  return [...byFeature].map(([featureIndex, list]) => {
    list.sort((a, b) => a.bin - b.bin);
    return { featureIndex, edges: [list[0]!.lower, ...list.map((bin) => bin.upper)], counts: list.map((bin) => bin.count) };
  });
}
