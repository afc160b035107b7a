import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { openActivationSource } from '@atlas/activations';
import { CHECKPOINT_FILE, METRICS_FILE, evaluateSource, saveSaeLens } from '@atlas/sae';
import { requireActivationPaths } from '../activation-file.ts';
import { writeJsonAtomic } from '../files.ts';
import { evaluationBars, metricsReport } from '../metrics-report.ts';
import { parseOptions, trainOptions } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { trainSaeStep } from '../steps/train-step.ts';

/** Rows the metrics in metrics.json are measured on (the first ones of the activation files). */
const METRICS_ROWS = 65_536;

export async function runTrain(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(trainOptions, raw);
  // Rows stream from the files (safetensors or .npy, several shards or a directory): training
  // holds a shuffle buffer of them, not the whole set.
  requireActivationPaths(options.activations);
  // Beside the output, so two trainings into different folders never share one.
  const checkpointDir = options.checkpointDir ?? `${path.resolve(options.out)}.checkpoints`;
  const source = await openActivationSource(options.activations);
  try {
    const { sae, metrics } = await trainSaeStep({
      activations: source, rows: source.rows, dIn: source.dIn, architecture: options.architecture, width: options.width, k: options.k,
      epochs: options.epochs, batchSize: options.batchSize, seed: options.seed, lr: options.lr, device: options.device,
      hookName: source.metadata.hook ?? 'unknown', modelId: source.metadata.model ?? 'unknown', progress: terminalProgress,
      normalizeActivations: options.normalize, ...(options.auxK === undefined ? {} : { auxK: options.auxK }),
      gbaBiasStart: options.gbaBiasStart,
      checkpointDir, checkpointEvery: options.checkpointEvery, log: (line) => console.log(line),
    });
    await saveSaeLens(options.out, sae, metrics);
    // The SAE is safe on disk: its checkpoint is no longer needed (the folder goes only if empty).
    await rm(path.join(checkpointDir, CHECKPOINT_FILE), { force: true });
    await rmdir(checkpointDir).catch(() => {});
    // metrics.json then gains every metric `atlas eval` reports, measured on the first rows.
    const bars = evaluationBars(terminalProgress);
    const evaluation = await evaluateSource(sae, source, {
      rows: Math.min(source.rows, METRICS_ROWS), atoms: true, device: options.device, onProgress: bars.update,
    }).finally(() => bars.stop());
    const report = metricsReport(source.description, sae.cfg, evaluation);
    await writeJsonAtomic(path.join(options.out, METRICS_FILE), { ...metrics, ...report });
    console.log(`Wrote SAELens folder ${options.out}: L0 ${report.l0.toFixed(2)}, FVU ${report.fvu?.toFixed(4)}, dead ${(100 * report.deadFraction).toFixed(1)}%`);
  } finally {
    await source.close();
  }
}
