import { benchmarkTraining } from '@atlas/sae/bench';

export type TrainingFigures = Awaited<ReturnType<typeof benchmarkTraining>>;

/** TopK SAE training tokens/s beside the raw onnxruntime MatMul rate of its encoder product. */
export function benchmarkSaeTraining(shape: { dIn: number; width: number; k: number }): Promise<TrainingFigures> {
  return benchmarkTraining({ ...shape, batchSize: 4096, steps: 8, repeats: 5 });
}
