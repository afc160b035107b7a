import { trainSae, type Architecture, type SaeWeights, type TrainMetrics } from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';

export interface TrainStepOptions {
  activations: Float32Array;
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
}

/** Trains an SAE with a progress bar showing tokens/s, loss, L0 and dead fraction. */
export async function trainSaeStep(options: TrainStepOptions): Promise<{ sae: SaeWeights; metrics: TrainMetrics }> {
  const totalTokens = options.rows * options.epochs;
  const bar = options.progress('train SAE', totalTokens, 'tok');
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
      onProgress: (step, totalSteps, stats) => {
        bar.update(Math.round((step / totalSteps) * totalTokens), {
          loss: stats.loss, L0: stats.l0, FVU: stats.fvu, dead: stats.deadFraction,
        });
      },
    });
  } finally {
    bar.stop();
  }
}
