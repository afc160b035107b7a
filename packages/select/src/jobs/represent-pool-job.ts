import { defineJobKind } from '@atlas/jobs';
import { z } from 'zod';
import { buildPoolRepresentations } from '../representation/build-representations.ts';
import { loadSelectionResources } from './selection-resources.ts';

const representPayload = z.object({
  poolId: z.string().min(1),
  saeId: z.string().min(1),
  /** The SAE's weights folder on the worker's machine (default: its build's). */
  saeDir: z.string().min(1).optional(),
  /** The hook's raw hidden states too (the `hidden` method's representation). */
  hidden: z.boolean().optional(),
  /** SAE features stored per sample (default 128; 0 = all). */
  maxFeatures: z.number().int().min(0).max(1 << 20).optional(),
  /** Samples per stored step (default 128): the unit of progress a resumed job keeps. */
  samplesPerStep: z.number().int().min(1).max(10_000).optional(),
});

export type RepresentPoolPayload = z.infer<typeof representPayload>;

/**
 * Builds a pool's SAE representation (each sample's codes mean-pooled over its tokens). Resumable
 * by construction: each step stores its vectors and the progress counter in one transaction, so
 * a retried or re-enqueued job continues with the samples that have no vector yet.
 */
export const representPoolJob = defineJobKind({
  name: 'select-represent',
  payload: representPayload,
  defaults: { retryLimit: 2, expireInSeconds: 6 * 3600 },
  run: async (payload, ctx) => {
    const resources = await loadSelectionResources(ctx.db, { saeId: payload.saeId, saeDir: payload.saeDir, ...(ctx.concurrency > 1 ? { threads: 1 } : {}) });
    const result = await buildPoolRepresentations(ctx.db, {
      poolId: payload.poolId,
      model: resources.model!,
      modelId: resources.modelId!,
      sae: resources.sae!,
      ...(payload.hidden ? { hidden: true } : {}),
      ...(payload.maxFeatures === undefined ? {} : { maxFeatures: payload.maxFeatures }),
      ...(payload.samplesPerStep === undefined ? {} : { samplesPerStep: payload.samplesPerStep }),
      onProgress: (progress) => ctx.progress(progress.samplesDone, progress.sampleCount, 'samples'),
      signal: ctx.signal,
    });
    ctx.log(`pool ${payload.poolId}: ${result.samples} samples represented (${result.resumedFrom} were already), ${result.tokens} tokens`);
    return {
      representations: result.representations.map((r) => r.key),
      samples: result.samples,
      resumedFrom: result.resumedFrom,
      tokens: result.tokens,
      windowedSamples: result.windowedSamples,
    };
  },
});
