import { EncoderSession } from '../encoding/encoder-session.ts';
import { positiveIntegerField } from '../formats/saelens-values.ts';
import { SaeError } from '../sae-error.ts';
import { keepBatchTopK, nthLargest } from '../training/select.ts';
import type { SaeWeights } from '../types.ts';
import { validateK } from '../validate.ts';
import type { SaeArchitecture, SessionOptions } from './architecture.ts';
import { openGraphEncoder, openTrainingGraph } from './graph-encoders.ts';

/**
 * BatchTopK (Bussmann et al. 2024): in training the k·B largest ReLU'd pre-activations of a whole
 * batch fire (each row offers its `maxActive` largest, default min(width, 4k), so a row fires more
 * or fewer than k); after training a global threshold θ is estimated and the SAE encodes
 * ReLU(pre)·[pre > θ]. Saved as SAELens saves one for inference: a `jumprelu` whose `threshold`
 * holds θ, marked `atlas_architecture: "batchtopk"` with `atlas_k`.
 */
export const batchtopk: SaeArchitecture<'batchtopk', Record<string, never>> = {
  name: 'batchtopk',
  summary: 'the k·B largest ReLU(pre) of a batch in training; a global threshold at inference',
  needsK: true,
  auxK: true,
  wholeBatch: true,
  extraWeights: ['threshold'],
  plan({ maxActive, width }, k) {
    const slots = maxActive ?? Math.min(width, 4 * k);
    if (maxActive !== undefined) validateK(maxActive, width);
    if (slots < k) throw new SaeError(`maxActive (${slots}) must be at least k (${k}).`);
    return { k, slots, sparsityCoefficient: 0, settings: {} };
  },
  makePrepare(state) {
    let scratch = new Float32Array(0);
    return (codes, rows) => {
      if (scratch.length < codes.values.length) scratch = new Float32Array(codes.values.length);
      keepBatchTopK(codes.values, state.k * rows, scratch);
      return { codes };
    };
  },
  train: (run) => ({
    openSession: openTrainingGraph(run, { mode: 'topk' }),
    async finish(sae, { sample, sampleRows, session }) {
      sae.threshold = new Float32Array(run.width).fill(await batchTopKThreshold(sae, sample, sampleRows, run.slots, run.k, session));
    },
  }),
  openEncoder: (sae, slots, options) => openGraphEncoder(sae, slots, 'threshold', options),
  saeLens: {
    architecture: 'jumprelu',
    marked: true,
    metadata: (cfg) => ({ atlas_k: cfg.k }),
    read: ({ metadata, fail }) => ({ k: positiveIntegerField(metadata.atlas_k, 'metadata.atlas_k', fail) }),
  },
};

/**
 * BatchTopK's inference threshold, estimated once training is done: the value of the
 * (k·rows)-th largest positive pre-activation over the evaluation rows (each row's `slots`
 * largest are the candidates), so the thresholded encoder fires k latents per row on average.
 */
async function batchTopKThreshold(sae: SaeWeights, x: Float32Array, rows: number, slots: number, k: number, options: SessionOptions): Promise<number> {
  const { dIn, width } = sae.cfg;
  const session = await EncoderSession.open(sae, { dIn, width, slots, mode: 'topk' }, options.threads, options.device);
  const candidates = new Float32Array(rows * slots);
  try {
    const batch = 4096;
    for (let start = 0; start < rows; start += batch) {
      const count = Math.min(batch, rows - start);
      const codes = await session.run(x.subarray(start * dIn, (start + count) * dIn), count);
      candidates.set(codes.values, start * slots);
    }
  } finally {
    await session.close();
  }
  const threshold = nthLargest(candidates, Math.min(k * rows, candidates.length));
  // Fire strictly above the threshold at inference, like SAELens' JumpReLU: step just below it.
  return threshold > 0 ? Math.max(0, threshold - threshold * 2 ** -20) : 0;
}
