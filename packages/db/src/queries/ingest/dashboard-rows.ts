import type { AtlasDb } from '../../orm.ts';
import { chunkRanges } from '../../sql/bulk.ts';
import { bulkInsert } from './copy.ts';
import type { IngestHeadAttribution, IngestLogitEffect, IngestNeighbour, IngestProgress } from './types.ts';

const CHUNK = 50_000;

/**
 * Postgres text cannot hold NUL, yet byte-level vocabularies have a token for byte 0 (and logit
 * effects may rank it): it is stored as U+2400 SYMBOL FOR NULL, which is also how it reads.
 */
export const storableToken = (token: string) => token.replaceAll('\u0000', '\u2400');

/** Ranked neighbours, with both ends resolved to feature ids of the SAE being loaded. */
export async function insertNeighbours(
  tx: AtlasDb,
  input: readonly IngestNeighbour[],
  featureId: (index: number) => number,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'neighbours');
  for (const [start, end] of chunkRanges(input.length, CHUNK)) {
    const chunk = input.slice(start, end);
    await bulkInsert(tx, 'feature_neighbours', [
      { name: 'feature_id', type: 'bigint', values: chunk.map((n) => featureId(n.featureIndex)) },
      { name: 'method', type: 'text', values: chunk.map((n) => n.method) },
      { name: 'rank', type: 'smallint', values: chunk.map((n) => n.rank) },
      { name: 'neighbour_id', type: 'bigint', values: chunk.map((n) => featureId(n.neighbourIndex)) },
      { name: 'score', type: 'real', values: chunk.map((n) => n.score) },
    ]);
    progress(end, input.length, 'neighbours');
  }
  return input.length;
}

export async function insertLogitEffects(
  tx: AtlasDb,
  input: readonly IngestLogitEffect[],
  featureId: (index: number) => number,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'logit effects');
  for (const [start, end] of chunkRanges(input.length, CHUNK)) {
    const chunk = input.slice(start, end);
    await bulkInsert(tx, 'feature_logit_effects', [
      { name: 'feature_id', type: 'bigint', values: chunk.map((e) => featureId(e.featureIndex)) },
      { name: 'direction', type: 'text', values: chunk.map((e) => e.direction) },
      { name: 'rank', type: 'smallint', values: chunk.map((e) => e.rank) },
      { name: 'token_id', type: 'int', values: chunk.map((e) => e.tokenId) },
      { name: 'token', type: 'text', values: chunk.map((e) => storableToken(e.token)) },
      { name: 'value', type: 'real', values: chunk.map((e) => e.value) },
    ]);
    progress(end, input.length, 'logit effects');
  }
  return input.length;
}

export async function insertHeadAttributions(
  tx: AtlasDb,
  input: readonly IngestHeadAttribution[],
  featureId: (index: number) => number,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'head attributions');
  for (const [start, end] of chunkRanges(input.length, CHUNK)) {
    const chunk = input.slice(start, end);
    await bulkInsert(tx, 'feature_head_attributions', [
      { name: 'feature_id', type: 'bigint', values: chunk.map((a) => featureId(a.featureIndex)) },
      { name: 'head', type: 'smallint', values: chunk.map((a) => a.head) },
      { name: 'share', type: 'real', values: chunk.map((a) => a.share) },
    ]);
    progress(end, input.length, 'head attributions');
  }
  return input.length;
}
