import { getSampleVectors, readSampleVectors, type AtlasDb } from '@atlas/db';
import { SelectError } from '../errors.ts';
import { decodeVector } from '../representation/vector-codec.ts';
import { featureContributions } from './similarity.ts';
import { scoreSample, type TargetSet } from './targets.ts';

export interface PoolScores {
  sampleIds: Float64Array;
  scores: Float32Array;
  /** The target each sample scored best against (per-target maximum; 0 with a prototype). */
  bestTargets: Uint32Array;
  readSeconds: number;
  scoreSeconds: number;
}

/** Vectors per page read: ~1–3 MB of packed vectors, one keyset query each. */
const PAGE = 4_096;

/**
 * Scores every stored vector of a representation against the targets, streaming pages by
 * sample id: memory is the scores, not the pool.
 */
export async function scoreStoredPool(
  db: AtlasDb,
  args: { representationId: number; sampleCount: number; set: TargetSet; signal?: AbortSignal; onProgress?: (done: number) => void },
): Promise<PoolScores> {
  const sampleIds = new Float64Array(args.sampleCount);
  const scores = new Float32Array(args.sampleCount);
  const bestTargets = new Uint32Array(args.sampleCount);
  let count = 0;
  let after: number | null = null;
  let readSeconds = 0;
  let scoreSeconds = 0;
  for (;;) {
    if (args.signal?.aborted) throw new SelectError('The selection was cancelled.', { code: 'CANCELLED' });
    let started = performance.now();
    const page = await readSampleVectors(db, { representationId: args.representationId, afterSampleId: after, limit: PAGE });
    readSeconds += (performance.now() - started) / 1000;
    if (page.length === 0) break;
    if (count + page.length > args.sampleCount) throw new SelectError('The pool changed while it was scored; run the selection again.', { code: 'CONFLICT' });
    started = performance.now();
    for (const row of page) {
      const { score, target } = scoreSample(decodeVector(row.vector), args.set);
      sampleIds[count] = row.sampleId;
      scores[count] = Number.isFinite(score) ? score : -Infinity;
      bestTargets[count] = target;
      count++;
    }
    scoreSeconds += (performance.now() - started) / 1000;
    after = page.at(-1)!.sampleId;
    args.onProgress?.(count);
  }
  if (count !== args.sampleCount) {
    throw new SelectError(`Only ${count} of ${args.sampleCount} samples have vectors; build the pool's representation to the end first.`, { code: 'CONFLICT' });
  }
  return { sampleIds, scores, bestTargets, readSeconds, scoreSeconds };
}

/** The features driving each chosen sample's score (against the target it scored best with). */
export async function drivingFeatures(
  db: AtlasDb,
  args: { representationId: number; sampleIds: readonly number[]; bestTargets: readonly number[]; set: TargetSet; top: number },
): Promise<Map<number, { indices: number[]; contributions: number[] }>> {
  const result = new Map<number, { indices: number[]; contributions: number[] }>();
  const rows = await getSampleVectors(db, args.representationId, args.sampleIds);
  const targetOf = new Map(args.sampleIds.map((id, i) => [id, args.bestTargets[i]!]));
  for (const row of rows) {
    const target = args.set.targets[targetOf.get(row.sampleId) ?? 0]!;
    result.set(row.sampleId, featureContributions(decodeVector(row.vector), target, args.set.similarity, args.top));
  }
  return result;
}
