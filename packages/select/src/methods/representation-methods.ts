import { readSampleVectors, type AtlasDb, type PoolRow, type RepresentationRow } from '@atlas/db';
import { SelectError } from '../errors.ts';
import { buildEmbeddingRepresentation } from '../representation/build-embeddings.ts';
import { buildPoolRepresentations } from '../representation/build-representations.ts';
import { embedAll } from '../representation/embedder.ts';
import { hiddenPooler, saePooler } from '../representation/poolers.ts';
import { denseVector, type SparseVector } from '../representation/sparse-vector.ts';
import { createTextRepresenter } from '../representation/text-representer.ts';
import { decodeVector } from '../representation/vector-codec.ts';
import { drivingFeatures, scoreStoredPool } from '../scoring/score-pool.ts';
import { targetSet } from '../scoring/targets.ts';
import type { MethodContext, MethodScores, SelectionMethod } from './method.ts';

type Kind = 'sae' | 'hidden' | 'embedding';

/**
 * MONA: SAE codes mean-pooled over tokens, a prototype of the targets, generalized Jaccard
 * (cosine and per-target maximum as options); each chosen sample's driving features.
 */
export const monaMethod: SelectionMethod = representationMethod('mona', 'sae');
/** The paper's ablation: the same hook's raw hidden states, the same scoring. */
export const hiddenMethod: SelectionMethod = representationMethod('hidden', 'hidden');
/** Dense sentence embeddings (the search issue's embedder), cosine to the targets. */
export const embeddingMethod: SelectionMethod = representationMethod('embedding', 'embedding');

function representationMethod(name: string, kind: Kind): SelectionMethod {
  return {
    name,
    check(resources, { similarity }) {
      if (kind === 'embedding') {
        if (!resources.embedder) throw new SelectError('The embedding method needs an embedder; none is configured on this server.', { code: 'MODEL_UNAVAILABLE' });
        if (similarity === 'jaccard') throw new SelectError('Embeddings have negative values, where generalized Jaccard is undefined; use similarity "cosine" with the embedding method.');
        return;
      }
      if (!resources.model || !resources.modelId) throw new SelectError(`The ${name} method needs the SAE's language model; its files are not on this server.`, { code: 'MODEL_UNAVAILABLE' });
      if (kind === 'sae' && !resources.sae) throw new SelectError('The mona method needs an SAE: give its id (saeId).');
      if (kind === 'hidden' && !resources.sae && !resources.hook) throw new SelectError('The hidden method needs an SAE (its hook is used) or a hook.');
    },
    async score(context) {
      const started = performance.now();
      const representation = await ensureRepresentation(context, context.pool, kind);
      const targetVectors = await targetRepresentations(context, kind);
      const targetSeconds = (performance.now() - started) / 1000;
      const set = targetSet(targetVectors, representation.dimensions, context.aggregation, context.similarity);
      const scored = await scoreStoredPool(context.db, {
        representationId: representation.id,
        sampleCount: context.pool.sampleCount,
        set,
        signal: context.signal,
        onProgress: (done) => context.progress({ stage: 'score', done, total: context.pool.sampleCount }),
      });
      const result: MethodScores = {
        sampleIds: scored.sampleIds,
        scores: scored.scores,
        stats: { representAndTargetSeconds: targetSeconds, readSeconds: scored.readSeconds, scoreSeconds: scored.scoreSeconds },
      };
      if (kind === 'sae') {
        result.explain = (chosen) => drivingFeatures(context.db, {
          representationId: representation.id,
          sampleIds: Array.from(chosen, (i) => scored.sampleIds[i]!),
          bestTargets: Array.from(chosen, (i) => scored.bestTargets[i]!),
          set,
          top: 10,
        });
        const prototype = set.aggregation === 'prototype' ? set.targets[0]!.values : meanOf(set.targets.map((t) => t.values));
        result.prototypeFeatures = heaviest(prototype, 32);
      }
      return result;
    },
  };
}

/** The pool's stored representation of this kind, built (resumably) when not complete. */
async function ensureRepresentation(context: MethodContext, pool: PoolRow, kind: Kind): Promise<RepresentationRow> {
  const { db, resources } = context;
  const onProgress = (p: { samplesDone: number; sampleCount: number }) => context.progress({ stage: 'represent', done: p.samplesDone, total: p.sampleCount });
  if (kind === 'embedding') return buildEmbeddingRepresentation(db, { poolId: pool.id, embedder: resources.embedder!, onProgress, signal: context.signal });
  const built = await buildPoolRepresentations(db, {
    poolId: pool.id,
    model: resources.model!,
    modelId: resources.modelId!,
    ...(kind === 'sae' ? { sae: resources.sae } : { hidden: true, hook: resources.hook }),
    windowTokens: resources.windowTokens,
    batchTokens: resources.batchTokens,
    maxFeatures: resources.maxFeatures,
    onProgress,
    signal: context.signal,
  });
  return built.representations[0]!;
}

/** The targets' vectors: texts represented in memory (never stored), or a target pool's stored vectors. */
async function targetRepresentations(context: MethodContext, kind: Kind): Promise<SparseVector[]> {
  const { resources } = context;
  if ('pool' in context.targets) {
    const representation = await ensureRepresentation(context, context.targets.pool, kind);
    return readAllVectors(context.db, representation.id);
  }
  const texts = [...context.targets.texts];
  context.progress({ stage: 'targets', done: 0, total: texts.length });
  if (kind === 'embedding') return (await embedAll(resources.embedder!, texts, 64, context.signal)).map(denseVector);
  const hook = resources.hook!;
  const pooler = kind === 'sae' ? await saePooler(resources.sae!.weights, { cap: 0 }) : hiddenPooler(resources.model!.hookPoints.find((p) => p.name === hook)!.width);
  try {
    const representer = createTextRepresenter({ model: resources.model!, hook, poolers: [pooler], windowTokens: resources.windowTokens, batchTokens: resources.batchTokens });
    const represented = await representer.represent(texts, context.signal);
    context.progress({ stage: 'targets', done: texts.length, total: texts.length });
    return represented.vectors[0]!;
  } finally {
    await pooler.close();
  }
}

async function readAllVectors(db: AtlasDb, representationId: number): Promise<SparseVector[]> {
  const vectors: SparseVector[] = [];
  let after: number | null = null;
  for (;;) {
    const page = await readSampleVectors(db, { representationId, afterSampleId: after, limit: 4_096 });
    if (page.length === 0) return vectors;
    for (const row of page) vectors.push(decodeVector(row.vector));
    after = page.at(-1)!.sampleId;
  }
}

function meanOf(rows: readonly Float32Array[]): Float32Array {
  const mean = new Float32Array(rows[0]!.length);
  for (const row of rows) for (let i = 0; i < row.length; i++) mean[i]! += row[i]! / rows.length;
  return mean;
}

function heaviest(values: Float32Array, top: number): { index: number; weight: number }[] {
  return Array.from(values.keys()).filter((i) => values[i]! > 0).sort((a, b) => values[b]! - values[a]! || a - b).slice(0, top).map((index) => ({ index, weight: values[index]! }));
}
