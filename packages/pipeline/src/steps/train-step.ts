import type { ActivationSource } from '@atlas/activations';
import {
  trainSae, type Architecture, type Device, type GbaBiasStart, type NormalizeActivations, type SaeWeights, type TrainMetrics,
} from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';

export interface TrainStepOptions {
  /** The rows in memory, or streamed from files (`openActivationSource`). */
  activations: Float32Array | ActivationSource;
  rows: number;
  dIn: number;
  architecture: Architecture;
  width: number;
  /** topk/batchtopk: active latents per token; relu/jumprelu: optional cap on codes per token. */
  k?: number;
  epochs: number;
  batchSize: number;
  seed: number;
  lr?: number;
  hookName: string;
  modelId: string;
  progress: ProgressFactory;
  device?: Device;
  normalizeActivations?: NormalizeActivations;
  /** topk/batchtopk: k_aux of the auxiliary-k loss (default dIn/2; 0: off). */
  auxK?: number;
  /** gba: where the biases start (`zero`, the paper's, or `quantile`). */
  gbaBiasStart?: GbaBiasStart;
  /** Resume from / write checkpoints here (none when left out). */
  checkpointDir?: string;
  checkpointEvery?: number;
  /** One-line messages (resuming from a checkpoint). */
  log?: (line: string) => void;
}

/**
 * Trains an SAE with a progress bar showing tokens/s, loss, L0 and dead fraction (and the
 * auxiliary-k loss while latents are dead). A resumed run restarts the bar at the checkpoint,
 * so its rate and ETA count only this session's tokens.
 */
export async function trainSaeStep(options: TrainStepOptions): Promise<{ sae: SaeWeights; metrics: TrainMetrics }> {
  const totalTokens = options.rows * options.epochs;
  const tokensAt = (step: number, totalSteps: number) => Math.round((step / totalSteps) * totalTokens);
  let bar = options.progress('train SAE', totalTokens, 'tok');
  let resumedTokens = 0;
  try {
    return await trainSae({
      activations: options.activations,
      rows: options.rows,
      dIn: options.dIn,
      architecture: options.architecture,
      width: options.width,
      ...(options.k === undefined ? {} : { k: options.k }),
      batchSize: options.batchSize,
      epochs: options.epochs,
      seed: options.seed,
      ...(options.lr === undefined ? {} : { lr: options.lr }),
      hookName: options.hookName,
      modelId: options.modelId,
      ...(options.device ? { device: options.device } : {}),
      ...(options.normalizeActivations ? { normalizeActivations: options.normalizeActivations } : {}),
      ...(options.auxK === undefined ? {} : { auxK: options.auxK }),
      ...(options.architecture === 'gba' && options.gbaBiasStart ? { gbaBiasStart: options.gbaBiasStart } : {}),
      ...(options.checkpointDir === undefined ? {} : { checkpointDir: options.checkpointDir }),
      ...(options.checkpointEvery === undefined ? {} : { checkpointEvery: options.checkpointEvery }),
      onCheckpoint: (event) => {
        if (event.action !== 'resumed') return;
        options.log?.(`Resuming from the checkpoint at step ${event.step} of ${event.totalSteps} in ${event.dir}`);
        bar.stop();
        resumedTokens = tokensAt(event.step, event.totalSteps);
        bar = options.progress('train SAE (resumed)', totalTokens - resumedTokens, 'tok');
      },
      onProgress: (step, totalSteps, stats) => {
        bar.update(tokensAt(step, totalSteps) - resumedTokens, {
          loss: stats.loss, L0: stats.l0, FVU: stats.fvu, dead: stats.deadFraction, ...(stats.auxLoss > 0 ? { aux: stats.auxLoss } : {}),
        });
      },
    });
  } finally {
    bar.stop();
  }
}
