import { defineJobKind } from '@atlas/jobs';
import { z } from 'zod';
import { SELECTION_METHOD_NAMES, type SelectionMethodName } from '../methods/registry.ts';
import { runSelection } from '../run-selection.ts';
import { loadSelectionResources } from './selection-resources.ts';

const selectionPayload = z.object({
  poolId: z.string().min(1),
  method: z.string().refine((name) => (SELECTION_METHOD_NAMES as readonly string[]).includes(name), {
    message: `method must be one of ${SELECTION_METHOD_NAMES.join(', ')}`,
  }),
  /** The SAE (mona) or whose hook the hidden states are read at (hidden). */
  saeId: z.string().min(1).optional(),
  saeDir: z.string().min(1).optional(),
  targets: z.union([z.object({ texts: z.array(z.string()).min(1) }), z.object({ poolId: z.string().min(1) })]),
  ratio: z.number().optional(),
  count: z.number().int().optional(),
  similarity: z.enum(['jaccard', 'cosine']).optional(),
  aggregation: z.enum(['prototype', 'max']).optional(),
  seed: z.number().int().optional(),
  name: z.string().max(200).optional(),
  createdBy: z.number().int().optional(),
});

export type RunSelectionPayload = z.infer<typeof selectionPayload>;

/**
 * Runs one selection into a `selections` row tied to the job (`selections.job_id`): a retried
 * attempt reuses that row, and the representations it needs are built resumably on the way.
 * Progress: the current stage's units (`samples represented`, `samples scored`, …).
 */
export const runSelectionJob = defineJobKind({
  name: 'select-run',
  payload: selectionPayload,
  defaults: { retryLimit: 2, expireInSeconds: 6 * 3600 },
  run: async (payload, ctx) => {
    const needsSae = payload.method === 'mona' || payload.method === 'hidden';
    const embedding = payload.method === 'embedding';
    const resources = needsSae || embedding
      ? await loadSelectionResources(ctx.db, {
        ...(needsSae ? { saeId: payload.saeId, saeDir: payload.saeDir } : {}),
        embedder: embedding,
        ...(ctx.concurrency > 1 ? { threads: 1 } : {}),
      })
      : {};
    const result = await runSelection(ctx.db, {
      poolId: payload.poolId,
      method: payload.method as SelectionMethodName,
      targets: payload.targets,
      ...(payload.ratio === undefined ? {} : { ratio: payload.ratio }),
      ...(payload.count === undefined ? {} : { count: payload.count }),
      ...(payload.similarity ? { similarity: payload.similarity } : {}),
      ...(payload.aggregation ? { aggregation: payload.aggregation } : {}),
      ...(payload.seed === undefined ? {} : { seed: payload.seed }),
      ...(payload.name ? { name: payload.name } : {}),
      ...(payload.createdBy === undefined ? {} : { createdBy: payload.createdBy }),
      jobId: ctx.jobId,
      resources,
      onProgress: (progress) => ctx.progress(progress.done, progress.total, STAGE_UNIT[progress.stage]),
      signal: ctx.signal,
    });
    return {
      selectionId: result.selectionId, poolSize: result.poolSize, selected: result.items.length,
      // Which embedder scored it (`name@version#checksum`), as the selection's params record it.
      ...(result.embedder ? { embedder: result.embedder } : {}),
    };
  },
});

const STAGE_UNIT = { represent: 'samples represented', targets: 'targets represented', score: 'samples scored', store: 'items stored' } as const;
