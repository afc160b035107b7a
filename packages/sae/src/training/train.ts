import { inMemorySource } from '@atlas/activations';
import { mulberry32 } from '@atlas/random';
import type { SessionOptions } from '../architectures/architecture.ts';
import { getArchitecture } from '../architectures/registry.ts';
import { evaluateSae } from '../evaluation/evaluate.ts';
import { chooseKernels } from '../kernels/choose-kernels.ts';
import { estimateActivationScale, normaliseRows, normalisedCopy } from '../normalise.ts';
import type { InputNormalisation } from '../normalise.ts';
import { SaeError } from '../sae-error.ts';
import type { SaeConfig, SaeMetrics, SaeWeights } from '../types.ts';
import { AuxKLoss } from './aux-k.ts';
import { Checkpointer, dataFingerprint, runIdentity } from './checkpoint.ts';
import { DeadLatentTracker } from './dead-latents.ts';
import { encodeAndBackward } from './encode-backward.ts';
import { KERNEL_ALLOCATIONS, createGradients, createWorkspace, kernelFloats } from './gradients.ts';
import { columnMean, initialParams } from './init.ts';
import { transpose } from './matrix.ts';
import { OPTIMISER_ALLOCATIONS, Optimiser, optimiserFloats } from './optimiser.ts';
import { determiningOptions, planTraining } from './plan.ts';
import type { TrainPlan } from './plan.ts';
import type { PrepareState } from './prepare.ts';
import { learningRateAt } from './schedule.ts';
import { ShuffleBuffer, readSpreadRows } from './shuffle-buffer.ts';
import { isActivationSource } from './train-options.ts';
import type { TrainSaeOptions } from './train-options.ts';

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
 * Trains an SAE of any registered architecture (`architectures/`). Each step runs the
 * architecture's ONNX encoder graph (dense product + a sparse extraction of `slots` codes per row
 * inside the graph; weights fed as inputs that wrap these very arrays), turns its codes into the
 * training codes and penalty (the architecture's prepare step), then reconstructs, computes the
 * loss and all gradients sparsely in TypeScript (B·slots·dIn work per pass at most), applies Adam
 * with warm-up and decay, and renormalises the decoder rows; the architecture's hooks run before
 * and after (e.g. gba's bias adaptation). Rows stream from an `ActivationSource` through a
 * bounded shuffle buffer and are normalised per `normalizeActivations`; topk/batchtopk add the
 * auxiliary-k loss while latents are dead. With `checkpointDir` the run checkpoints and resumes
 * bit-exactly; a NaN/∞ loss stops it with the step. Deterministic for a seed.
 */
export async function trainSae(options: TrainSaeOptions): Promise<{ sae: SaeWeights; metrics: TrainMetrics }> {
  const plan = planTraining(options);
  const { dIn, width } = options;
  const { slots, k } = plan;
  const architecture = getArchitecture(plan.architecture);
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
  const optimiser = new Optimiser(kernels, dIn, width);
  const state: PrepareState = { k, coefficient: plan.sparsityCoefficient, norms: new Float32Array(width), threshold: new Float32Array(width), bandwidth: plan.bandwidth };
  // The plan holds the architecture's settings beside the shared fields, as its plan() returned them.
  const trainer = architecture.train({
    dIn, width, k, slots, settings: plan, totalSteps: plan.totalSteps, initialThreshold: plan.initialThreshold, params, optimiser, kernels, state,
  });
  const tracker = new DeadLatentTracker(width, plan.deadAfterTokens);
  const checkpointer = options.checkpointDir === undefined ? undefined : new Checkpointer(
    options.checkpointDir,
    runIdentity({ ...determiningOptions(plan, dIn, width), activationsSampleHash: dataFingerprint(sample) }),
    { params, optimiser, tracker, ...(trainer.gbaWindow ? { gbaWindow: trainer.gbaWindow } : {}) },
    { totalSteps: plan.totalSteps, everySteps: plan.checkpointEvery, everySeconds: plan.checkpointSeconds },
    options.onCheckpoint,
  );
  const resumed = await checkpointer?.resume();
  if (resumed) normalisation.scale = resumed.activationScale;
  const sessionOptions: SessionOptions = { ...(options.threads ? { threads: options.threads } : {}), ...(options.device ? { device: options.device } : {}) };
  if (!resumed) await trainer.start?.({ sample: normalisedSample, sampleRows: plan.evaluationRows, session: sessionOptions });
  const firstStep = resumed?.step ?? 0;
  const sampler = new ShuffleBuffer(source, plan.batchSize, plan.shuffleBufferRows, plan.seed);
  sampler.seek(firstStep * plan.batchSize);
  const aux = plan.auxK > 0 ? new AuxKLoss(width, plan.auxK, plan.auxCoefficient) : undefined;
  const session = await trainer.openSession(sessionOptions);
  // Steps with dead latents run a second graph that also returns their top k_aux pre-activations.
  const auxSession = aux && (await trainer.openSession(sessionOptions, aux.deadBias));
  const prepare = architecture.makePrepare?.(state);
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
      session: encoder, params, grads, workspace, tracker, dIn, k: slots, ...(prepare ? { prepare } : {}),
      ...(trainer.gbaWindow ? { gbaWindow: trainer.gbaWindow } : {}),
      ...(trainer.accumulate ? { accumulate: trainer.accumulate } : {}),
      ...(aux ? { extraLoss: aux.hook(params, grads, workspace, slots) } : {}),
    };
    const B = plan.batchSize;
    for (let step = firstStep; step < plan.totalSteps; step++) {
      const x = await sampler.next();
      normaliseRows(x, B, dIn, normalisation);
      state.coefficient = plan.sparsityCoefficient * Math.min(1, (step + 1) / Math.max(1, plan.sparsityWarmupSteps));
      trainer.beforeStep?.();
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
      trainer.afterStep?.(step + 1);
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
    cfg: makeConfig(options, plan, normalisation.scale, architecture.config?.(plan)),
    W_enc: transpose(params.W_encT, width, dIn),
    b_enc: params.b_enc,
    W_dec: params.W_dec.slice(),
    b_dec: params.b_dec,
  };
  await trainer.finish?.(sae, { sample: normalisedSample, sampleRows: plan.evaluationRows, session: sessionOptions });
  const evaluation = await evaluateSae(sae, sample, plan.evaluationRows, sessionOptions);
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

function makeConfig(options: TrainSaeOptions, plan: TrainPlan, activationScale: number, own: Partial<SaeConfig> = {}): SaeConfig {
  return {
    architecture: plan.architecture,
    dIn: options.dIn,
    width: options.width,
    k: plan.k,
    ...own,
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
