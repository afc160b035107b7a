import {
  completeSelection,
  createSelection,
  failSelection,
  getFeaturesByIndex,
  getPoolsByIds,
  type AtlasDb,
  type PoolRow,
} from '@atlas/db';
import { oneLine } from '@atlas/errors';
import { SelectError } from './errors.ts';
import { SELECT_LIMITS } from './limits.ts';
import type { SelectionProgress, SelectionResources, TargetInput } from './methods/method.ts';
import { selectionMethod, type SelectionMethodName } from './methods/registry.ts';
import { selectionEmbedderKey } from './representation/representation-spec.ts';
import { resolveSaeSource } from './representation/sae-source.ts';
import type { Similarity } from './scoring/similarity.ts';
import type { Aggregation } from './scoring/targets.ts';
import { checkRatio, selectionSize, topScores } from './scoring/top-selection.ts';

export interface RunSelectionOptions {
  poolId: string;
  method: SelectionMethodName;
  targets: TargetInput;
  /** Keep the top ratio (in (0, 1]; default 0.05) or the top `count`; not both. */
  ratio?: number;
  count?: number;
  /** Representation methods: generalized Jaccard (default) or cosine (the embedding method: cosine). */
  similarity?: Similarity;
  /** Score against the targets' mean (default) or the best single target. */
  aggregation?: Aggregation;
  /** Breaks ties and drives `random` (default 0). */
  seed?: number;
  name?: string;
  description?: string;
  createdBy?: number;
  /** The job running it: a retried attempt reuses the selection row it started. */
  jobId?: string;
  resources?: SelectionResources;
  onProgress?: (progress: SelectionProgress) => void;
  signal?: AbortSignal;
}

export interface SelectedSample {
  rank: number;
  sampleId: number;
  score: number;
  features?: { indices: number[]; contributions: number[] };
}

export interface SelectionResult {
  selectionId: number;
  poolSize: number;
  items: SelectedSample[];
  /** The embedding method: the embedder that scored it (`name@version#checksum`), also in the selection's `params.embedder`. */
  embedder?: string;
  stats: Record<string, number>;
}

/**
 * Scores every sample of a pool for a task with one method and stores the top ratio or count
 * as a selection (a `running` row first, so a status query sees it; `complete` with its items
 * in one transaction, or `failed` with the error). Bad input is refused before anything is
 * written: unknown pool or SAE (NOT_FOUND), empty targets, ratio outside (0, 1], a count
 * larger than the pool (BAD_USER_INPUT).
 */
export async function runSelection(db: AtlasDb, options: RunSelectionOptions): Promise<SelectionResult> {
  const started = performance.now();
  const method = selectionMethod(options.method);
  const similarity = options.similarity ?? (options.method === 'embedding' ? 'cosine' : 'jaccard');
  const aggregation = options.aggregation ?? 'prototype';
  if (similarity !== 'jaccard' && similarity !== 'cosine') throw new SelectError(`similarity must be "jaccard" or "cosine", got ${JSON.stringify(similarity)}.`);
  if (aggregation !== 'prototype' && aggregation !== 'max') throw new SelectError(`aggregation must be "prototype" or "max", got ${JSON.stringify(aggregation)}.`);
  if (options.ratio != null) checkRatio(options.ratio);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new SelectError(`seed must be an integer, got ${seed}.`);
  const targets = await resolveTargets(db, options.targets, options.poolId);
  const [pool] = await getPoolsByIds(db, [options.poolId]);
  if (!pool) throw new SelectError(`No pool "${options.poolId}"; import one first (or check the id).`, { code: 'NOT_FOUND' });
  const size = selectionSize(pool.sampleCount, options);
  const resources = { ...options.resources };
  method.check(resources, { similarity, aggregation });
  if (resources.model && resources.modelId && (resources.sae || resources.hook)) {
    resources.hook = (await resolveSaeSource(db, { model: resources.model, modelId: resources.modelId, sae: resources.sae, hook: resources.sae ? undefined : resources.hook })).hook;
  }

  const embedder = options.method === 'embedding' ? selectionEmbedderKey(resources.embedder!.id) : undefined;
  const selectionId = await createSelection(db, {
    poolId: pool.id,
    name: options.name ?? `${options.method} for ${'poolId' in options.targets ? `pool ${options.targets.poolId}` : `${options.targets.texts.length} examples`}`,
    description: options.description ?? null,
    method: options.method,
    params: { similarity, aggregation, seed, ...(embedder ? { embedder } : {}) },
    saeId: resources.sae?.id ?? null,
    targetPoolId: 'pool' in targets ? targets.pool.id : null,
    targets: 'texts' in targets ? [...targets.texts] : null,
    ratio: options.count != null ? null : (options.ratio ?? size / pool.sampleCount),
    count: options.count ?? null,
    createdBy: options.createdBy ?? null,
    jobId: options.jobId ?? null,
  });
  const progress = options.onProgress ?? (() => {});
  try {
    const scored = await method.score({ db, pool, targets, similarity, aggregation, seed, resources, signal: options.signal, progress });
    const chosen = topScores(scored.scores, scored.sampleIds, size, seed);
    const explained = scored.explain ? await scored.explain(chosen) : undefined;
    const items: SelectedSample[] = Array.from(chosen, (i, rank) => {
      const sampleId = scored.sampleIds[i]!;
      const features = explained?.get(sampleId);
      return { rank: rank + 1, sampleId, score: scored.scores[i]!, ...(features ? { features } : {}) };
    });
    progress({ stage: 'store', done: 0, total: items.length });
    const features = scored.prototypeFeatures && resources.sae
      ? await getFeaturesByIndex(db, scored.prototypeFeatures.map((f) => ({ saeId: resources.sae!.id, index: f.index })))
      : [];
    const weightOf = new Map(scored.prototypeFeatures?.map((f) => [f.index, f.weight]));
    const stats = { ...scored.stats, seconds: (performance.now() - started) / 1000 };
    await completeSelection(db, selectionId, {
      items: items.map((item) => ({ sampleId: item.sampleId, score: item.score, featureIndices: item.features?.indices, featureContributions: item.features?.contributions })),
      features: features.map((feature) => ({ featureId: feature.id, weight: weightOf.get(feature.index)! })),
      poolSize: pool.sampleCount,
      stats,
    });
    progress({ stage: 'store', done: items.length, total: items.length });
    return { selectionId, poolSize: pool.sampleCount, items, stats, ...(embedder ? { embedder } : {}) };
  } catch (error) {
    await failSelection(db, selectionId, oneLine(error instanceof Error ? error.message : String(error)));
    throw error;
  }
}

/** The targets checked: non-empty texts within the limit, or a target pool that exists and is not the pool itself. */
export async function resolveTargets(db: AtlasDb, targets: TargetInput, poolId: string): Promise<{ texts: readonly string[] } | { pool: PoolRow }> {
  if ('poolId' in targets) {
    const [pool] = await getPoolsByIds(db, [targets.poolId]);
    if (!pool) throw new SelectError(`No target pool "${targets.poolId}"; import the target examples as a pool first (or check the id).`, { code: 'NOT_FOUND' });
    if (pool.id === poolId) throw new SelectError('The target pool is the pool being selected from; give another pool or target texts.');
    return { pool };
  }
  const texts = targets.texts.filter((text) => typeof text === 'string' && text.trim() !== '');
  if (texts.length === 0) throw new SelectError('The target set is empty; give at least one non-empty target example (or a target pool).');
  if (texts.length > SELECT_LIMITS.maxTargetExamples) {
    throw new SelectError(`${texts.length} target examples is more than ${SELECT_LIMITS.maxTargetExamples}; import them as a target pool instead.`);
  }
  return { texts };
}
