import { BatchSampler } from './batches.ts';
import { DeadLatentTracker } from './dead-latents.ts';
import { evaluateSae } from './evaluate.ts';
import { encodeAndBackward } from './encode-backward.ts';
import { KERNEL_ALLOCATIONS, createGradients, createWorkspace, kernelFloats, zeroGradients } from './gradients.ts';
import { chooseKernels } from './kernels/choose-kernels.ts';
import { columnMean, initialParams } from './init.ts';
import { transpose } from './matrix.ts';
import { OPTIMISER_ALLOCATIONS, Optimiser, optimiserFloats } from './optimiser.ts';
import { mulberry32 } from './random.ts';
import { learningRateAt } from './schedule.ts';
import { EncoderSession } from './encoder-session.ts';
import { GbaWindow, gbaBiasUpdate, gbaGroups } from './gba.ts';
import { makePrepare } from './prepare.ts';
import { nthLargest } from './select.ts';
import { planTraining } from './train-options.ts';
import type { TrainPlan, TrainSaeOptions } from './train-options.ts';
import type { SaeConfig, SaeMetrics, SaeWeights } from './types.ts';

export interface TrainMetrics extends SaeMetrics {
  /** Loss of the last step (mean squared reconstruction error per row). */
  loss: number;
  steps: number;
  tokens: number;
  seconds: number;
  tokensPerSecond: number;
  /**
   * Where the training time went (seconds): waiting for the ONNX encoder (which overlaps the
   * backward pass of the previous chunk), the sparse backward pass in JS, and the optimiser.
   */
  timings: { encode: number; backward: number; optimiser: number };
}

/**
 * Trains an SAE (topk, batchtopk, relu, jumprelu or gba). Each step runs the ONNX encoder graph
 * (dense product + a TopK extraction of `slots` codes per row inside the graph; weights fed as
 * inputs that wrap these very arrays), then reconstructs, computes the loss, the sparsity
 * penalty and all gradients sparsely in TypeScript (B·slots·dIn work per pass at most), applies
 * Adam with warm-up and decay, and renormalises the decoder rows (gba: the encoder biases are
 * instead moved every T steps by Group Bias Adaptation, from per-latent firing counts and max
 * pre-activations reduced inside the graph). Deterministic for a seed.
 */
export async function trainSae(options: TrainSaeOptions): Promise<{ sae: SaeWeights; metrics: TrainMetrics }> {
  const plan = planTraining(options);
  const { activations, rows, dIn, width } = options;
  const { architecture, slots, k } = plan;
  const uniform = mulberry32(plan.seed);
  // W_encT, W_dec, their gradients and Adam moments all live in the kernels' memory.
  const kernels = chooseKernels(
    dIn,
    kernelFloats(dIn, width) + optimiserFloats(dIn, width),
    KERNEL_ALLOCATIONS + OPTIMISER_ALLOCATIONS,
  );
  const initial = initialParams(dIn, width, columnMean(activations, rows, dIn), uniform);
  const params = { ...initial, W_encT: kernels.alloc(width * dIn), W_dec: kernels.alloc(width * dIn) };
  params.W_encT.set(initial.W_encT);
  params.W_dec.set(initial.W_dec);
  const threshold = new Float32Array(width); // jumprelu: θ = exp(logθ), fed to the graph
  if (architecture === 'jumprelu') {
    params.logThreshold = new Float32Array(width).fill(Math.log(plan.initialThreshold));
    threshold.fill(plan.initialThreshold);
  }
  const sampler = new BatchSampler(activations, rows, dIn, plan.batchSize, uniform);
  const session = await EncoderSession.open(
    { ...params, threshold },
    { dIn, width, slots, mode: architecture === 'jumprelu' ? 'threshold-raw' : 'topk', stats: architecture === 'gba' },
    options.threads,
  );
  const state = { k, coefficient: plan.sparsityCoefficient, norms: new Float32Array(width), threshold, bandwidth: plan.bandwidth };
  const prepare = makePrepare(architecture, state);
  const timings = { encode: 0, backward: 0, optimiser: 0 };
  let loss = Number.NaN;
  const started = performance.now();
  try {
    const grads = createGradients(dIn, width, kernels);
    const workspace = createWorkspace(dIn, kernels);
    const optimiser = new Optimiser(kernels, dIn, width);
    const tracker = new DeadLatentTracker(width, plan.deadAfterTokens);
    const gba = plan.gba ? { window: new GbaWindow(width), groups: gbaGroups(width, plan.gba), settings: plan.gba } : undefined;
    if (gba) optimiser.trainEncoderBias = false;
    const context = {
      session, params, grads, workspace, tracker, dIn, k: slots, ...(prepare ? { prepare } : {}), ...(gba ? { gbaWindow: gba.window } : {}),
    };
    const B = plan.batchSize;
    for (let step = 0; step < plan.totalSteps; step++) {
      const x = sampler.next();
      state.coefficient = plan.sparsityCoefficient * Math.min(1, (step + 1) / Math.max(1, plan.sparsityWarmupSteps));
      if (architecture === 'relu') {
        for (let j = 0; j < width; j++) state.norms[j] = Math.sqrt(kernels.dot(params.W_dec, j * dIn, params.W_dec, j * dIn, dIn));
      } else if (architecture === 'jumprelu') {
        for (let j = 0; j < width; j++) threshold[j] = Math.exp(params.logThreshold![j]!);
      }
      const stats = await encodeAndBackward(context, x, B, plan.pipelineChunks, timings);
      const mark = performance.now();
      const lr = learningRateAt(step, plan);
      optimiser.step(params, grads, lr);
      zeroGradients(grads, dIn);
      if (gba && ((step + 1) % gba.settings.interval === 0 || step + 1 === plan.totalSteps)) {
        gbaBiasUpdate(params.b_enc, gba.window.fired, gba.window.maxPre, gba.window.rows, gba.groups, gba.settings);
        gba.window.reset();
      }
      timings.optimiser += (performance.now() - mark) / 1000;
      loss = stats.loss;
      const seconds = (performance.now() - started) / 1000;
      options.onProgress?.(step + 1, plan.totalSteps, {
        ...stats,
        deadFraction: tracker.deadFraction(),
        tokensPerSecond: ((step + 1) * B) / seconds,
        lr,
      });
    }
  } finally {
    await session.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // Weights are copied out of the kernels' memory so the SAE does not hold on to all of it.
  const sae: SaeWeights = {
    cfg: makeConfig(options, plan),
    W_enc: transpose(params.W_encT, width, dIn),
    b_enc: params.b_enc,
    W_dec: params.W_dec.slice(),
    b_dec: params.b_dec,
  };
  const sample = evaluationSample(activations, rows, dIn, plan.evaluationRows);
  if (architecture === 'jumprelu') sae.threshold = Float32Array.from(params.logThreshold!, Math.exp);
  if (architecture === 'batchtopk') {
    sae.threshold = new Float32Array(width).fill(await batchTopKThreshold(sae, sample, plan.evaluationRows, slots, k, options.threads));
  }
  const evaluation = await evaluateSae(sae, sample, plan.evaluationRows, {
    ...(options.threads ? { threads: options.threads } : {}),
  });
  const tokens = plan.totalSteps * plan.batchSize;
  return {
    sae,
    metrics: {
      l0: evaluation.l0,
      fvu: evaluation.fvu,
      deadFraction: evaluation.deadFraction,
      loss,
      steps: plan.totalSteps,
      tokens,
      seconds,
      tokensPerSecond: tokens / seconds,
      timings,
    },
  };
}

function makeConfig(options: TrainSaeOptions, plan: TrainPlan): SaeConfig {
  return {
    architecture: plan.architecture,
    dIn: options.dIn,
    width: options.width,
    k: plan.k,
    hookName: options.hookName ?? 'unknown',
    modelId: options.modelId ?? 'unknown',
    dtype: 'float32',
    normalizeActivations: 'none',
    ...(options.contextSize !== undefined ? { contextSize: options.contextSize } : {}),
    ...(options.prependBos !== undefined ? { prependBos: options.prependBos } : {}),
    ...(options.datasetPath !== undefined ? { datasetPath: options.datasetPath } : {}),
    training: {
      steps: plan.totalSteps,
      tokens: plan.totalSteps * plan.batchSize,
      batchSize: plan.batchSize,
      lr: plan.lr,
      warmupSteps: plan.warmupSteps,
      decaySteps: plan.decaySteps,
      seed: plan.seed,
    },
  };
}

/**
 * BatchTopK's inference threshold, estimated once training is done: the value of the
 * (k·rows)-th largest positive pre-activation over the evaluation rows (each row's `slots`
 * largest are the candidates), so the thresholded encoder fires k latents per row on average.
 */
async function batchTopKThreshold(
  sae: SaeWeights, x: Float32Array, rows: number, slots: number, k: number, threads?: number,
): Promise<number> {
  const { dIn, width } = sae.cfg;
  const session = await EncoderSession.open(sae, { dIn, width, slots, mode: 'topk' }, threads);
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

/** `count` rows spread evenly over the data (all of it when count = rows). */
function evaluationSample(data: Float32Array, rows: number, dIn: number, count: number): Float32Array {
  if (count === rows) return data;
  const out = new Float32Array(count * dIn);
  for (let i = 0; i < count; i++) {
    const row = Math.floor((i * rows) / count);
    out.set(data.subarray(row * dIn, (row + 1) * dIn), i * dIn);
  }
  return out;
}
