import { saveSaeLens } from '@atlas/sae';
import { readActivationMatrix } from '../activation-file.ts';
import { requireFile } from '../files.ts';
import { parseOptions, trainOptions } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { trainSaeStep } from '../steps/train-step.ts';

export async function runTrain(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(trainOptions, raw);
  requireFile(options.activations, 'Activation file', 'Make one with `atlas extract … --out FILE.safetensors`.');
  const { activations, rows, dIn, metadata } = await readActivationMatrix(options.activations);
  const { sae, metrics } = await trainSaeStep({
    activations, rows, dIn, architecture: options.architecture, width: options.width, k: options.k, epochs: options.epochs,
    batchSize: options.batchSize, seed: options.seed, lr: options.lr,
    hookName: metadata.hook ?? 'unknown', modelId: metadata.model ?? 'unknown', progress: terminalProgress,
  });
  await saveSaeLens(options.out, sae, metrics);
  console.log(`Wrote SAELens folder ${options.out}: L0 ${metrics.l0.toFixed(2)}, FVU ${metrics.fvu.toFixed(4)}, dead ${(100 * metrics.deadFraction).toFixed(1)}%`);
}
