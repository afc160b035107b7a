import { adamHyper, createAdamState } from './adam.ts';
import type { AdamState } from './adam.ts';
import { constrainedDecoderStep } from './decoder-norm.ts';
import { zeroVectorGradients } from './gradients.ts';
import type { Gradients, Params } from './gradients.ts';
import { adamJs } from '../kernels/choose-kernels.ts';
import type { VectorKernels } from '../kernels/choose-kernels.ts';

/** Big arrays the optimiser keeps in kernel memory: the Adam moments of W_encT and W_dec. */
export const OPTIMISER_ALLOCATIONS = 4;
export const optimiserFloats = (dIn: number, width: number) => 4 * width * dIn;

/**
 * Adam over the four SAE parameters plus the decoder constraint: before the step the decoder
 * gradient loses its component along each (unit) decoder row; after it the rows are
 * renormalised. A step consumes the gradients: they are all zero afterwards.
 */
export const OPTIMISED_PARAMS = ['W_encT', 'W_dec', 'b_enc', 'b_dec', 'logThreshold', 'outputScale'] as const;
export type OptimisedParam = (typeof OPTIMISED_PARAMS)[number];

export class Optimiser {
  /** Adam moments per parameter; read and restored in place by checkpoints. */
  readonly state: Record<OptimisedParam, AdamState>;
  /** Adam's step count (bias correction). */
  t = 0;
  /** gba: the encoder biases are set by bias adaptation, not by the optimiser. */
  trainEncoderBias = true;
  /** gba: no separate encoder (its neurons are the decoder rows), so W_encT is left alone. */
  trainEncoder = true;
  /** gba with fixed output scales: b_dec (b_pre) and the output scales stay where they are. */
  trainDecoderBias = true;
  trainOutputScale = true;

  constructor(
    private readonly kernels: VectorKernels,
    private readonly dIn: number,
    width: number,
  ) {
    this.state = {
      W_encT: createAdamState(dIn * width, kernels),
      W_dec: createAdamState(width * dIn, kernels),
      b_enc: createAdamState(width),
      b_dec: createAdamState(dIn),
      logThreshold: createAdamState(width),
      outputScale: createAdamState(width),
    };
  }

  step(params: Params, grads: Gradients, lr: number): void {
    const { kernels, dIn, state } = this;
    const hyper = adamHyper(lr, ++this.t);
    if (this.trainEncoder) kernels.adam(params.W_encT, grads.W_encT, state.W_encT.m, state.W_encT.v, hyper);
    constrainedDecoderStep(kernels, params.W_dec, grads.W_dec, state.W_dec, hyper, dIn);
    if (this.trainEncoderBias) adamJs(params.b_enc, grads.b_enc, state.b_enc.m, state.b_enc.v, hyper);
    if (this.trainDecoderBias) adamJs(params.b_dec, grads.b_dec, state.b_dec.m, state.b_dec.v, hyper);
    // jumprelu's thresholds (grads.latent holds ∂L/∂logθ there).
    if (params.logThreshold) adamJs(params.logThreshold, grads.latent, state.logThreshold.m, state.logThreshold.v, hyper);
    // gba's output scales (grads.latent holds ∂L/∂a there).
    if (params.outputScale && this.trainOutputScale) adamJs(params.outputScale, grads.latent, state.outputScale.m, state.outputScale.v, hyper);
    zeroVectorGradients(grads);
  }
}
