import { sql } from 'drizzle-orm';
import { IngestInputError } from '../../errors.ts';
import type { AtlasDb } from '../../orm.ts';
import { formatVector } from '../../schema/columns.ts';
import { pgArray } from '../../sql/arrays.ts';
import { chunkRanges } from '../../sql/bulk.ts';
import { bulkInsert } from './copy.ts';
import { queryRows } from '../../sql/rows.ts';
import type { IngestFeature, IngestHistogram, IngestProgress, IngestQuantileBin } from './types.ts';

const FEATURE_CHUNK = 20_000;
/** Vector text parsing dominates decoder loads; chunks of this size keep statements a few MB. */
const DECODER_CHUNK = 2_000;
const HISTOGRAM_CHUNK = 50_000;

/** Inserts the SAE's features; returns feature id by index. */
export async function insertFeatures(
  tx: AtlasDb,
  saeId: string,
  input: readonly IngestFeature[],
  progress: IngestProgress,
): Promise<Map<number, number>> {
  const idByIndex = new Map<number, number>();
  progress(0, input.length, 'features');
  for (const [start, end] of chunkRanges(input.length, FEATURE_CHUNK)) {
    const chunk = input.slice(start, end);
    const rows = await queryRows<{ id: number | string; index: number }>(
      tx,
      // pgArray has no null or boolean: a 0/1 mask marks a computed cosine, 0/1 ints the flags, -1 no cluster.
      sql`insert into features (sae_id, index, density, max_activation, mean_activation, encoder_decoder_cosine, is_dead, is_dense, umap_x, umap_y, map_cluster)
          select ${saeId}, u.index, u.density, u.max_activation, u.mean_activation,
                 case when u.has_cosine = 1 then u.cosine end, u.dead = 1, u.dense = 1,
                 case when u.has_umap = 1 then u.umap_x end, case when u.has_umap = 1 then u.umap_y end,
                 nullif(u.map_cluster, -1)
          from unnest(
            ${pgArray(chunk.map((f) => f.index), 'int')},
            ${pgArray(chunk.map((f) => f.density), 'real')},
            ${pgArray(chunk.map((f) => f.maxActivation), 'real')},
            ${pgArray(chunk.map((f) => f.meanActivation), 'real')},
            ${pgArray(chunk.map((f) => (isCosine(f.encoderDecoderCosine) ? f.encoderDecoderCosine : 0)), 'real')},
            ${pgArray(chunk.map((f) => (isCosine(f.encoderDecoderCosine) ? 1 : 0)), 'int')},
            ${pgArray(chunk.map((f) => ((f.isDead ?? f.density === 0) ? 1 : 0)), 'int')},
            ${pgArray(chunk.map((f) => ((f.isDense ?? f.density > 0.1) ? 1 : 0)), 'int')},
            ${pgArray(chunk.map((f) => (hasUmap(f) ? f.umapX : 0)), 'real')},
            ${pgArray(chunk.map((f) => (hasUmap(f) ? f.umapY : 0)), 'real')},
            ${pgArray(chunk.map((f) => (hasUmap(f) ? 1 : 0)), 'int')},
            ${pgArray(chunk.map((f) => f.mapCluster ?? -1), 'int')}
          ) as u(index, density, max_activation, mean_activation, cosine, has_cosine, dead, dense, umap_x, umap_y, has_umap, map_cluster)
          returning id, index`,
    );
    for (const row of rows) idByIndex.set(row.index, Number(row.id));
    progress(end, input.length, 'features');
  }
  if (idByIndex.size !== input.length) throw new IngestInputError('feature indices must be unique');
  return idByIndex;
}

const isCosine = (value: number | null | undefined): value is number => value != null && Number.isFinite(value);
const hasUmap = (f: IngestFeature): f is IngestFeature & { umapX: number; umapY: number } => isCosine(f.umapX) && isCosine(f.umapY);

/** Decoder rows as halfvec text (4 significant digits). */
export async function insertDecoders(
  tx: AtlasDb,
  saeId: string,
  dIn: number,
  input: readonly IngestFeature[],
  idByIndex: ReadonlyMap<number, number>,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'decoders');
  for (const [start, end] of chunkRanges(input.length, DECODER_CHUNK)) {
    const ids: number[] = [];
    const vectors: string[] = [];
    for (const feature of input.slice(start, end)) {
      if (feature.decoder.length !== dIn) {
        throw new IngestInputError(`feature ${feature.index}: decoder has ${feature.decoder.length} values, d_in is ${dIn}`);
      }
      ids.push(idByIndex.get(feature.index) as number);
      vectors.push(formatVector(feature.decoder));
    }
    await tx.orm.execute(
      sql`insert into feature_decoders (feature_id, sae_id, decoder)
          select id, ${saeId}, vector::halfvec
          from unnest(${pgArray(ids, 'bigint')}, ${pgArray(vectors, 'text')}) as u(id, vector)`,
    );
    progress(end, input.length, 'decoders');
  }
  return input.length;
}

/** One row per bin: [edges[i], edges[i+1]) with counts[i]. */
export async function insertHistograms(
  tx: AtlasDb,
  input: readonly IngestHistogram[],
  featureId: (index: number) => number,
  progress: IngestProgress,
): Promise<number> {
  const ids: number[] = [];
  const bins: number[] = [];
  const lowers: number[] = [];
  const uppers: number[] = [];
  const counts: number[] = [];
  for (const histogram of input) {
    if (histogram.edges.length !== histogram.counts.length + 1) {
      throw new IngestInputError(
        `feature ${histogram.featureIndex}: histogram needs counts + 1 edges, got ${histogram.edges.length} edges for ${histogram.counts.length} counts`,
      );
    }
    const id = featureId(histogram.featureIndex);
    histogram.counts.forEach((count, bin) => {
      ids.push(id);
      bins.push(bin);
      lowers.push(histogram.edges[bin] as number);
      uppers.push(histogram.edges[bin + 1] as number);
      counts.push(count);
    });
  }
  progress(0, ids.length, 'histograms');
  for (const [start, end] of chunkRanges(ids.length, HISTOGRAM_CHUNK)) {
    await bulkInsert(tx, 'feature_histogram_bins', [
      { name: 'feature_id', type: 'bigint', values: ids.slice(start, end) },
      { name: 'bin', type: 'smallint', values: bins.slice(start, end) },
      { name: 'lower', type: 'real', values: lowers.slice(start, end) },
      { name: 'upper', type: 'real', values: uppers.slice(start, end) },
      { name: 'count', type: 'int', values: counts.slice(start, end) },
    ]);
    progress(end, ids.length, 'histograms');
  }
  return ids.length;
}

/** One row per quantile bin. */
export async function insertQuantileBins(
  tx: AtlasDb,
  input: readonly IngestQuantileBin[],
  featureId: (index: number) => number,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'quantile bins');
  for (const [start, end] of chunkRanges(input.length, HISTOGRAM_CHUNK)) {
    const chunk = input.slice(start, end);
    for (const bin of chunk) {
      if (!(bin.lower <= bin.upper)) {
        throw new IngestInputError(`feature ${bin.featureIndex}: quantile bin ${bin.bin} has lower ${bin.lower} > upper ${bin.upper}`);
      }
    }
    await bulkInsert(tx, 'feature_quantile_bins', [
      { name: 'feature_id', type: 'bigint', values: chunk.map((b) => featureId(b.featureIndex)) },
      { name: 'bin', type: 'smallint', values: chunk.map((b) => b.bin) },
      { name: 'lower', type: 'real', values: chunk.map((b) => b.lower) },
      { name: 'upper', type: 'real', values: chunk.map((b) => b.upper) },
      { name: 'count', type: 'int', values: chunk.map((b) => b.count) },
    ]);
    progress(end, input.length, 'quantile bins');
  }
  return input.length;
}
