import {
  completePoolRepresentation,
  ensurePoolRepresentation,
  getPoolsByIds,
  samplesWithoutVector,
  storeSampleVectors,
  type AtlasDb,
  type RepresentationRow,
  type RepresentationSpec,
} from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { SelectError } from '../errors.ts';
import { hiddenPooler, saePooler, type Pooler } from './poolers.ts';
import { DEFAULT_MAX_FEATURES, hiddenSpec, saeSpec } from './representation-spec.ts';
import { resolveSaeSource } from './sae-source.ts';
import { sampleText } from './sample-text.ts';
import { createTextRepresenter } from './text-representer.ts';
import { encodeVector } from './vector-codec.ts';

export interface RepresentationProgress {
  /** Samples with vectors in every representation being built (stored ones included). */
  samplesDone: number;
  sampleCount: number;
  /** Tokens processed in this run, and their rate (model forward + pooling + writes). */
  tokens: number;
  tokensPerSecond: number;
  samplesPerSecond: number;
}

export interface BuildRepresentationsOptions {
  poolId: string;
  model: LanguageModel;
  /** The atlas id of the model (`demo-lm`); checked against the SAE's. */
  modelId: string;
  /** An SAE of the atlas and its weights: its codes, mean-pooled per sample. */
  sae?: { id: string; weights: SaeWeights };
  /** The hook's raw hidden states too (the paper's ablation); `hook` is needed when there is no SAE. */
  hidden?: boolean;
  hook?: string;
  /** Tokens per window (default: the model's context); a longer sample is pooled over several windows. */
  windowTokens?: number;
  /** Cells per forward pass (default 4,096). */
  batchTokens?: number;
  /** SAE features stored per sample (default 128; 0 = all). */
  maxFeatures?: number;
  /** Samples per stored step (progress is persisted after each). Default 128. */
  samplesPerStep?: number;
  onProgress?: (progress: RepresentationProgress) => void;
  signal?: AbortSignal;
}

export interface BuildRepresentationsResult {
  representations: RepresentationRow[];
  /** Samples represented in this run; `resumedFrom` had vectors already. */
  samples: number;
  resumedFrom: number;
  tokens: number;
  /** Samples of this run longer than one window (pooled over all their windows). */
  windowedSamples: number;
  seconds: number;
  tokensPerSecond: number;
  /** Of `seconds`: the model forward, SAE encoding and pooling, database writes. */
  forwardSeconds: number;
  poolSeconds: number;
  writeSeconds: number;
}

/**
 * Represents every sample of a pool by its SAE codes (and/or raw hidden states) mean-pooled
 * over its tokens, and stores one packed vector per sample. Resumable and idempotent: each
 * step's vectors and progress are written in one transaction, a re-run continues with the
 * samples that have none, and a complete representation is not recomputed.
 */
export async function buildPoolRepresentations(db: AtlasDb, options: BuildRepresentationsOptions): Promise<BuildRepresentationsResult> {
  const started = performance.now();
  const [pool] = await getPoolsByIds(db, [options.poolId]);
  if (!pool) throw new SelectError(`No pool "${options.poolId}"; import one first (or check the id).`, { code: 'NOT_FOUND' });
  const source = await resolveSaeSource(db, options);
  const windowTokens = options.windowTokens ?? options.model.contextLength;
  const maxFeatures = options.maxFeatures ?? DEFAULT_MAX_FEATURES;
  if (!Number.isSafeInteger(maxFeatures) || maxFeatures < 0) throw new SelectError(`maxFeatures must be 0 (all) or a positive integer, got ${maxFeatures}.`);
  const stepSize = options.samplesPerStep ?? 128;

  const specs: { spec: RepresentationSpec; pooler: () => Promise<Pooler> }[] = [];
  if (options.sae) {
    const sae = options.sae;
    specs.push({
      spec: saeSpec(pool.id, { saeId: sae.id, modelId: options.modelId, hook: source.hook, sae: sae.weights, windowTokens, maxFeatures }),
      pooler: () => saePooler(sae.weights, { cap: maxFeatures }),
    });
  }
  if (options.hidden) {
    specs.push({
      spec: hiddenSpec(pool.id, { modelId: options.modelId, hook: source.hook, dIn: source.dIn, windowTokens }),
      pooler: async () => hiddenPooler(source.dIn),
    });
  }
  if (specs.length === 0) throw new SelectError('Nothing to build: give an SAE, or hidden: true with a hook.');

  const representations: RepresentationRow[] = [];
  for (const { spec } of specs) representations.push(await ensurePoolRepresentation(db, spec));
  const pending = specs.map((entry, i) => ({ ...entry, row: representations[i]! })).filter((entry) => entry.row.status !== 'complete');
  const resumedFrom = Math.min(...representations.map((row) => row.samplesDone));
  const totals = { samples: 0, tokens: 0, windowed: 0, forward: 0, pool: 0, write: 0 };
  if (pending.length > 0) {
    const poolers = await Promise.all(pending.map((entry) => entry.pooler()));
    try {
      const representer = createTextRepresenter({ model: options.model, hook: source.hook, poolers, windowTokens, batchTokens: options.batchTokens });
      // Each representation's missing samples in turn; usually all are missing the same ones
      // (built together), so the first loop does all the work and the others find nothing.
      for (const entry of pending) {
        for (;;) {
          const samples = await samplesWithoutVector(db, { representationId: entry.row.id, poolId: pool.id, limit: stepSize });
          if (samples.length === 0) break;
          const represented = await representer.represent(samples.map(sampleText), options.signal);
          const writeStarted = performance.now();
          await db.transaction(async (tx) => {
            for (let p = 0; p < pending.length; p++) {
              const rows = samples.map((sample, i) => ({
                sampleId: sample.id,
                tokenCount: represented.tokenCounts[i]!,
                windowCount: represented.windowCounts[i]!,
                vector: encodeVector(represented.vectors[p]![i]!),
              }));
              pending[p]!.row = await storeSampleVectors(tx, pending[p]!.row.id, rows);
            }
          });
          totals.write += (performance.now() - writeStarted) / 1000;
          totals.samples += samples.length;
          totals.tokens += represented.tokens;
          totals.windowed += represented.windowCounts.filter((count) => count > 1).length;
          totals.forward += represented.forwardSeconds;
          totals.pool += represented.poolSeconds;
          const seconds = (performance.now() - started) / 1000;
          options.onProgress?.({
            samplesDone: Math.min(...pending.map((p) => p.row.samplesDone)),
            sampleCount: pool.sampleCount,
            tokens: totals.tokens,
            tokensPerSecond: totals.tokens / seconds,
            samplesPerSecond: totals.samples / seconds,
          });
        }
      }
    } finally {
      await Promise.all(poolers.map((pooler) => pooler.close()));
    }
    for (const entry of pending) entry.row = await completePoolRepresentation(db, entry.row.id);
  }
  const final = specs.map((entry, i) => pending.find((p) => p.spec.key === entry.spec.key)?.row ?? representations[i]!);
  const seconds = (performance.now() - started) / 1000;
  return {
    representations: final,
    samples: totals.samples,
    resumedFrom,
    tokens: totals.tokens,
    windowedSamples: totals.windowed,
    seconds,
    tokensPerSecond: totals.tokens / Math.max(seconds, 1e-9),
    forwardSeconds: totals.forward,
    poolSeconds: totals.pool,
    writeSeconds: totals.write,
  };
}
