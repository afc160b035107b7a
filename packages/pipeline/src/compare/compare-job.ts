import { defineJobKind } from '@atlas/jobs';
import { compareRequest } from './compare-request.ts';

/**
 * A comparison as a job (issue 12): progress per stage, cancellation through the signal, and a
 * result that is the stored run's id and figures. A retried attempt replaces what an earlier
 * one stored (rows are keyed by the job id); a finished identical request is reused.
 */
export const compareJob = defineJobKind({
  name: 'compare',
  payload: compareRequest,
  defaults: { retryLimit: 1, expireInSeconds: 6 * 3600 },
  run: async (request, ctx) => {
    ctx.log(`compare ${request.method}: ${request.saeA} → ${request.saeB}`);
    // Imported when a job runs: onnxruntime and the models load in workers, not in every process that enqueues.
    const { runComparison } = await import('./run-comparison.ts');
    const { run, reused } = await runComparison(ctx.db, request, {
      runKey: ctx.jobId,
      signal: ctx.signal,
      ...(ctx.concurrency > 1 ? { threads: 1 } : {}),
      onProgress: ({ stage, done, total }) => ctx.progress(done, total, stage),
      log: ctx.log,
    });
    return { comparisonId: run.id, reused, matchCount: run.matchCount, approximate: run.approximate };
  },
});
