import type { DeadLatentTracker } from './dead-latents.ts';
import type { EncodedBatch } from '../encoding/encoder-session.ts';
import type { GbaWindow } from './group-bias-adaptation.ts';
import { accumulateBackward, createTotals, finishBackward } from './gradients.ts';
import type { BatchStats, Gradients, Params, Penalty, Workspace } from './gradients.ts';
import type { SparseCodes } from '../types.ts';
import { BUG, SaeError } from '../sae-error.ts';

export interface StepContext {
  session: { run(x: Float32Array, rows: number): Promise<EncodedBatch> };
  params: Params;
  grads: Gradients;
  workspace: Workspace;
  tracker: DeadLatentTracker;
  dIn: number;
  /** Code slots per row. */
  k: number;
  /**
   * Turns the graph's codes for some rows into the codes training uses (batchtopk's batch-level
   * selection, jumprelu's jump) and the sparsity penalty, if the architecture has one.
   */
  prepare?: (codes: SparseCodes, rows: number) => { codes: SparseCodes; penalty?: Penalty };
  /** gba: collects the graph's per-latent firing counts and max pre-activations. */
  gbaWindow?: GbaWindow;
  /**
   * Adds a loss term computed from a chunk's rows, the graph's output and the training codes
   * (the auxiliary-k loss), after the per-row backward pass of that chunk.
   */
  extraLoss?: (x: Float32Array, rows: number, encoded: EncodedBatch, codes: SparseCodes, batchRows: number) => void;
  /** The per-row backward pass (default `accumulateBackward`; mp: `accumulateMpBackward`). */
  accumulate?: typeof accumulateBackward;
}

/** Seconds spent waiting for onnxruntime and running the JS backward pass. */
export interface StepTimings {
  encode: number;
  backward: number;
}

/**
 * The forward and backward pass of one batch, pipelined: the batch is encoded in `chunks`
 * pieces, and onnxruntime (which runs off the JS thread) encodes piece c+1 while JS does the
 * sparse backward pass of piece c, so the core JS leaves idle is not wasted. The weights do not
 * change within a batch, so the result is the same as encoding it whole.
 */
export async function encodeAndBackward(
  context: StepContext,
  x: Float32Array,
  batchRows: number,
  chunks: number,
  timings: StepTimings,
): Promise<BatchStats> {
  const { session, params, grads, workspace, tracker, dIn, k, prepare, gbaWindow, extraLoss, accumulate = accumulateBackward } = context;
  let penalty: Penalty | undefined;
  const chunkRows = Math.ceil(batchRows / chunks);
  const totals = createTotals(dIn);
  const encode = (start: number) => {
    const rows = Math.min(chunkRows, batchRows - start);
    return { start, rows, codes: session.run(x.subarray(start * dIn, (start + rows) * dIn), rows) };
  };
  let pending = encode(0);
  for (;;) {
    const waited = performance.now();
    const codes = await pending.codes;
    const started = performance.now();
    timings.encode += (started - waited) / 1000;
    const { start, rows } = pending;
    if (gbaWindow) {
      if (!codes.fired || !codes.maxPre) throw new SaeError('gba training needs an encoder graph built with stats', BUG);
      gbaWindow.record(codes.fired, codes.maxPre, rows);
    }
    const next = start + rows;
    if (next < batchRows) pending = encode(next);
    const prepared = prepare ? prepare(codes, rows) : { codes };
    penalty = prepared.penalty;
    tracker.record(prepared.codes, rows);
    accumulate(params, x.subarray(start * dIn), rows, prepared.codes, k, grads, workspace, batchRows, totals, penalty);
    extraLoss?.(x.subarray(start * dIn), rows, codes, prepared.codes, batchRows);
    timings.backward += (performance.now() - started) / 1000;
    if (next >= batchRows) break;
  }
  const started = performance.now();
  const stats = finishBackward(params, grads, totals, batchRows, workspace.kernels, penalty);
  timings.backward += (performance.now() - started) / 1000;
  return stats;
}
