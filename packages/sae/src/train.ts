import type { Device } from '@atlas/onnx';
import { inMemorySource } from './activation-source.ts';
import { AuxKLoss } from './aux-k.ts';
import { Checkpointer, dataFingerprint, runIdentity } from './checkpoint.ts';
import { DeadLatentTracker } from './dead-latents.ts';
import { evaluateSae } from './evaluate.ts';
import { encodeAndBackward } from './encode-backward.ts';
import { KERNEL_ALLOCATIONS, createGradients, createWorkspace, kernelFloats } from './gradients.ts';
import { chooseKernels } from './kernels/choose-kernels.ts';
import { columnMean, initialParams } from './init.ts';
import { transpose } from './matrix.ts';
import { OPTIMISER_ALLOCATIONS, Optimiser, optimiserFloats } from './optimiser.ts';
import { mulberry32 } from './random.ts';
import { learningRateAt } from './schedule.ts';
import { EncoderSession } from './encoder-session.ts';
import { GbaWindow, gbaBiasUpdate, gbaGroups } from './gba.ts';
import { accumulateMpBackward } from './mp-backward.ts';
import { MpSession } from './mp-session.ts';
import { makePrepare } from './prepare.ts';
import { estimateActivationScale, normaliseRows, normalisedCopy } from './normalise.ts';
import type { InputNormalisation } from './normalise.ts';
import { SaeError } from './sae-error.ts';
import { nthLargest } from './select.ts';
import { ShuffleBuffer, readSpreadRows } from './shuffle-buffer.ts';
import { isActivationSource, planTraining } from './train-options.ts';
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
   * backward pass of the previous chunk), the sparse backward pass in JS, the optimiser and
   * checkpoints (this session only, when resumed).
   */
  timings: { encode: number; backward: number; optimiser: number; checkpoint: number };
}

/**
 * Trains an SAE (topk, batchtopk, relu, jumprelu or gba). Each step runs the ONNX encoder graph
 * (dense product + a TopK extraction of `slots` codes per row inside the graph; weights fed as
 * inputs that wrap these very arrays), then reconstructs, computes the loss, the sparsity
 * penalty and all gradients sparsely in TypeScript (B·slots·dIn work per pass at most), applies
 * Adam with warm-up and decay, and renormalises the decoder rows (gba: the encoder biases are
 * instead moved every T steps by Group Bias Adaptation, from per-latent firing counts and max
 * pre-activations reduced inside the graph). Rows stream from an `ActivationSource` through a
 * bounded shuffle buffer and are normalised per `normalizeActivations`; topk/batchtopk add the
 * auxiliary-k loss while latents are dead. With `checkpointDir` the run checkpoints and resumes
 * bit-exactly; a NaN/∞ loss stops it with the step. Deterministic for a seed.
 */
export async function trainSae(options: TrainSaeOptions): Promise<{ sae: SaeWeights; metrics: TrainMetrics }> {
  const plan = planTraining(options);
  const { dIn, width } = options;
  const { architecture, slots, k } = plan;
  const source = isActivationSource(options.activations) ? options.activations : inMemorySource(options.activations, plan.rows, dIn);
  // Read once: b_dec's initial mean, expected_average_only_in's factor and the final metrics.
  const sample = await readSpreadRows(source, plan.evaluationRows);
  const normalisation: InputNormalisation = {
    mode: plan.normalizeActivations,
    scale: plan.normalizeActivations === 'expected_average_only_in' ? estimateActivationScale(sample, plan.evaluationRows, dIn) : 1,
  };
  const normalisedSample = normalisedCopy(sample, plan.evaluationRows, dIn, normalisation);
  const uniform = mulberry32(plan.seed);
  // W_encT, W_dec, their gradients and Adam moments all live in the kernels' memory.
  const kernels = chooseKernels(
    dIn,
    kernelFloats(dIn, width) + optimiserFloats(dIn, width),
    KERNEL_ALLOCATIONS + OPTIMISER_ALLOCATIONS,
  );
  const initial = initialParams(dIn, width, columnMean(normalisedSample, plan.evaluationRows, dIn), uniform);
  const params = { ...initial, W_encT: kernels.alloc(width * dIn), W_dec: kernels.alloc(width * dIn) };
  params.W_encT.set(initial.W_encT);
  params.W_dec.set(initial.W_dec);
  const threshold = new Float32Array(width); // jumprelu: θ = exp(logθ), fed to the graph
  if (architecture === 'jumprelu') {
    params.logThreshold = new Float32Array(width).fill(Math.log(plan.initialThreshold));
    threshold.fill(plan.initialThreshold);
  }
  const optimiser = new Optimiser(kernels, dIn, width);
  const tracker = new DeadLatentTracker(width, plan.deadAfterTokens);
  const gba = plan.gba ? { window: new GbaWindow(width), groups: gbaGroups(width, plan.gba), settings: plan.gba } : undefined;
  if (gba) optimiser.trainEncoderBias = false;
  const checkpointer = options.checkpointDir === undefined ? undefined : new Checkpointer(
    options.checkpointDir,
    runIdentity({ ...determiningOptions(plan, dIn, width), activationsSampleHash: dataFingerprint(sample) }),
    { params, optimiser, tracker, ...(gba ? { gbaWindow: gba.window } : {}) },
    { totalSteps: plan.totalSteps, everySteps: plan.checkpointEvery, everySeconds: plan.checkpointSeconds },
    options.onCheckpoint,
  );
  const resumed = await checkpointer?.resume();
  if (resumed) normalisation.scale = resumed.activationScale;
  const firstStep = resumed?.step ?? 0;
  const sampler = new ShuffleBuffer(source, plan.batchSize, plan.shuffleBufferRows, plan.seed);
  sampler.seek(firstStep * plan.batchSize);
  const aux = plan.auxK > 0 ? new AuxKLoss(width, plan.auxK, plan.auxCoefficient) : undefined;
  const encoderShape = { dIn, width, slots, mode: architecture === 'jumprelu' ? 'threshold-raw' : 'topk', stats: architecture === 'gba' } as const;
  // mp: the graph runs the pursuit over the decoder rows; its backward pass replaces the encoder's.
  const session = architecture === 'mp'
    ? await MpSession.open(params, { dIn, width, steps: slots, residualThreshold: plan.residualThreshold! }, options.threads, options.device)
    : await EncoderSession.open({ ...params, threshold }, encoderShape, options.threads, options.device);
  // Steps with dead latents run a second graph that also returns their top k_aux pre-activations.
  const auxSession = aux && (await EncoderSession.open({ ...params, threshold, deadBias: aux.deadBias }, encoderShape, options.threads, options.device));
  const state = { k, coefficient: plan.sparsityCoefficient, norms: new Float32Array(width), threshold, bandwidth: plan.bandwidth };
  const prepare = makePrepare(architecture, state);
  const timings = { encode: 0, backward: 0, optimiser: 0, checkpoint: 0 };
  let loss = resumed?.loss ?? Number.NaN;
  const started = performance.now();
  try {
    const grads = createGradients(dIn, width, kernels);
    const workspace = createWorkspace(dIn, kernels);
    const encoder = aux && auxSession
      ? { run: (x: Float32Array, rows: number) => (aux.kAux > 0 ? auxSession.run(x, rows, aux.kAux) : session.run(x, rows)) }
      : session;
    const context = {
      session: encoder, params, grads, workspace, tracker, dIn, k: slots, ...(prepare ? { prepare } : {}), ...(gba ? { gbaWindow: gba.window } : {}),
      ...(architecture === 'mp' ? { accumulate: accumulateMpBackward } : {}),
      ...(aux ? { extraLoss: aux.hook(params, grads, workspace, slots) } : {}),
    };
    const B = plan.batchSize;
    for (let step = firstStep; step < plan.totalSteps; step++) {
      const x = await sampler.next();
      normaliseRows(x, B, dIn, normalisation);
      state.coefficient = plan.sparsityCoefficient * Math.min(1, (step + 1) / Math.max(1, plan.sparsityWarmupSteps));
      if (architecture === 'relu') {
        for (let j = 0; j < width; j++) state.norms[j] = Math.sqrt(kernels.dot(params.W_dec, j * dIn, params.W_dec, j * dIn, dIn));
      } else if (architecture === 'jumprelu') {
        for (let j = 0; j < width; j++) threshold[j] = Math.exp(params.logThreshold![j]!);
      }
      aux?.beginStep(tracker);
      const stats = await encodeAndBackward(context, x, B, plan.pipelineChunks, timings);
      const auxLoss = aux ? aux.loss(B) : 0;
      if (!Number.isFinite(stats.loss + auxLoss)) {
        throw new SaeError(
          `Training diverged at step ${step + 1} of ${plan.totalSteps}: the loss is ${stats.loss + auxLoss}. ` +
            `${checkpointer?.keptMessage() ?? ''}Lower the learning rate (lr, now ${plan.lr}) or check the activations for extreme values.`,
        );
      }
      const mark = performance.now();
      const lr = learningRateAt(step, plan);
      optimiser.step(params, grads, lr); // also zeroes the gradients
      if (gba && ((step + 1) % gba.settings.interval === 0 || step + 1 === plan.totalSteps)) {
        gbaBiasUpdate(params.b_enc, gba.window.fired, gba.window.maxPre, gba.window.rows, gba.groups, gba.settings);
        gba.window.reset();
      }
      const saving = performance.now();
      timings.optimiser += (saving - mark) / 1000;
      loss = stats.loss + auxLoss;
      await checkpointer?.afterStep({ step: step + 1, activationScale: normalisation.scale, loss });
      timings.checkpoint += (performance.now() - saving) / 1000;
      const seconds = (performance.now() - started) / 1000;
      options.onProgress?.(step + 1, plan.totalSteps, {
        ...stats,
        loss,
        auxLoss,
        deadFraction: tracker.deadFraction(),
        tokensPerSecond: ((step + 1 - firstStep) * B) / seconds,
        lr,
      });
    }
  } finally {
    await session.close();
    await auxSession?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // Weights are copied out of the kernels' memory so the SAE does not hold on to all of it.
  const sae: SaeWeights = {
    cfg: makeConfig(options, plan, normalisation.scale),
    // mp has no encoder of its own: W_enc is stored as W_decᵀ (its correlations), b_enc as 0.
    W_enc: architecture === 'mp' ? transpose(params.W_dec, width, dIn) : transpose(params.W_encT, width, dIn),
    b_enc: params.b_enc,
    W_dec: params.W_dec.slice(),
    b_dec: params.b_dec,
  };
  if (architecture === 'jumprelu') sae.threshold = Float32Array.from(params.logThreshold!, Math.exp);
  if (architecture === 'batchtopk') {
    sae.threshold = new Float32Array(width).fill(await batchTopKThreshold(sae, normalisedSample, plan.evaluationRows, slots, k, options.threads, options.device));
  }
  const evaluation = await evaluateSae(sae, sample, plan.evaluationRows, {
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.device ? { device: options.device } : {}),
  });
  const tokens = plan.totalSteps * plan.batchSize;
  const sessionTokens = (plan.totalSteps - firstStep) * plan.batchSize;
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
      tokensPerSecond: sessionTokens / seconds,
      timings,
    },
  };
}

/** The plan's fields that decide the trained weights: a checkpoint resumes only a run with the same ones. */
function determiningOptions(plan: TrainPlan, dIn: number, width: number): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...plan, dIn, width };
  for (const key of ['pipelineChunks', 'checkpointEvery', 'checkpointSeconds'] as const) delete fields[key];
  return fields;
}

function makeConfig(options: TrainSaeOptions, plan: TrainPlan, activationScale: number): SaeConfig {
  return {
    architecture: plan.architecture,
    dIn: options.dIn,
    width: options.width,
    k: plan.k,
    ...(plan.residualThreshold !== undefined ? { residualThreshold: plan.residualThreshold } : {}),
    hookName: options.hookName ?? 'unknown',
    modelId: options.modelId ?? 'unknown',
    dtype: 'float32',
    normalizeActivations: plan.normalizeActivations,
    ...(plan.normalizeActivations === 'expected_average_only_in' ? { activationScale } : {}),
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
  sae: SaeWeights, x: Float32Array, rows: number, slots: number, k: number, threads?: number, device?: Device,
): Promise<number> {
  const { dIn, width } = sae.cfg;
  const session = await EncoderSession.open(sae, { dIn, width, slots, mode: 'topk' }, threads, device);
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
