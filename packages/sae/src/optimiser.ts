import { adamHyper, createAdamState } from './adam.ts';
import type { AdamState } from './adam.ts';
import { normaliseRows, removeParallelGradient } from './decoder-norm.ts';
import type { Gradients, Params } from './gradients.ts';
import { adamJs } from './kernels/choose-kernels.ts';
import type { VectorKernels } from './kernels/choose-kernels.ts';
import { transposeInto } from './matrix.ts';

/** Big arrays the optimiser keeps in kernel memory: W_enc, its gradient transposed back, four moments. */
export const OPTIMISER_ALLOCATIONS = 6;
export const optimiserFloats = (dIn: number, width: number) => 6 * width * dIn;

/**
 * Adam over the four SAE parameters plus the decoder constraint: before the step the decoder
 * gradient loses its component along each (unit) decoder row; after it the rows are
 * renormalised. W_enc must be in kernel memory (`createParams` puts it there).
 */
export class Optimiser {
  private readonly encoderGrad: Float32Array;
  private readonly state: Record<keyof Params, AdamState>;
  private t = 0;

  constructor(
    private readonly kernels: VectorKernels,
    private readonly dIn: number,
    private readonly width: number,
  ) {
    this.encoderGrad = kernels.alloc(dIn * width);
    this.state = {
      W_enc: createAdamState(dIn * width, kernels),
      W_dec: createAdamState(width * dIn, kernels),
      b_enc: createAdamState(width),
      b_dec: createAdamState(dIn),
    };
  }

  step(params: Params, grads: Gradients, lr: number): void {
    const { kernels, dIn, width, state } = this;
    const hyper = adamHyper(lr, ++this.t);
    removeParallelGradient(kernels, params.W_dec, grads.W_dec, grads.touched, grads.touchedCount, dIn);
    transposeInto(grads.W_encT, this.encoderGrad, width, dIn);
    kernels.adam(params.W_enc, this.encoderGrad, state.W_enc.m, state.W_enc.v, hyper);
    kernels.adam(params.W_dec, grads.W_dec, state.W_dec.m, state.W_dec.v, hyper);
    adamJs(params.b_enc, grads.b_enc, state.b_enc.m, state.b_enc.v, hyper);
    adamJs(params.b_dec, grads.b_dec, state.b_dec.m, state.b_dec.v, hyper);
    normaliseRows(kernels, params.W_dec, dIn);
  }
}
