import { EncoderSession } from '../encoding/encoder-session.ts';
import type { EncoderGraphMode } from '../encoding/encoder-graph.ts';
import { SaeError } from '../sae-error.ts';
import type { SaeWeights } from '../types.ts';
import type { CodeSession, SessionOptions, TrainingRun, TrainingSession } from './architecture.ts';

/**
 * The general encoder graph (`encoding/encoder-graph.ts`) over a run's training arrays: W_encT,
 * the biases and the prepare state's θ. `stats`: the graph also reduces per-latent firing
 * statistics (gba). With a dead-latent bias it also returns the auxiliary-k codes.
 */
export function openTrainingGraph(run: TrainingRun<unknown>, graph: { mode: EncoderGraphMode; stats?: boolean }) {
  return (options: SessionOptions, deadBias?: Float32Array): Promise<TrainingSession> =>
    EncoderSession.open(
      { ...run.params, threshold: run.state.threshold, ...(deadBias ? { deadBias } : {}) },
      { dIn: run.dIn, width: run.width, slots: run.slots, ...graph },
      options.threads,
      options.device,
    );
}

/**
 * The general encoder graph over a trained SAE: `topk` keeps each row's `slots` largest ReLU'd
 * pre-activations; `threshold` ranks latents by pre − θ and fires those above their threshold.
 */
export async function openGraphEncoder(sae: SaeWeights, slots: number, mode: 'topk' | 'threshold', options: SessionOptions): Promise<CodeSession> {
  const { dIn, width, architecture } = sae.cfg;
  const thresholded = mode === 'threshold';
  if (thresholded && sae.threshold?.length !== width) {
    throw new SaeError(`A ${architecture} SAE needs a threshold of ${width} values, got ${sae.threshold?.length ?? 'none'}.`);
  }
  return EncoderSession.open(
    { W_enc: sae.W_enc, b_enc: sae.b_enc, b_dec: sae.b_dec, ...(thresholded ? { threshold: sae.threshold! } : {}) },
    { dIn, width, slots, mode },
    options.threads,
    options.device,
  );
}
