import { openActivationSource } from '@atlas/activations';
import { evaluateSource, loadSae } from '@atlas/sae';
import { requireActivationPaths } from '../activation-file.ts';
import { evaluationBars, metricsReport } from '../metrics-report.ts';
import { evalOptions, parseOptions } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import type { ProgressFactory } from '../progress.ts';

/**
 * `atlas eval`: streams activation rows through an SAE and prints every metric as JSON on stdout
 * (progress bars on stderr, so the output pipes cleanly into a file or jq).
 */
export async function runEval(raw: Record<string, unknown>, progress: ProgressFactory = terminalProgress): Promise<void> {
  const options = parseOptions(evalOptions, raw);
  const sae = await loadSae(options.sae);
  requireActivationPaths(options.activations);
  const source = await openActivationSource(options.activations);
  const bars = evaluationBars(progress);
  try {
    const evaluation = await evaluateSource(sae, source, {
      batchSize: options.batchSize,
      device: options.device,
      atoms: options.atoms,
      ...(options.rows === undefined ? {} : { rows: options.rows }),
      onProgress: bars.update,
    });
    bars.stop();
    console.log(JSON.stringify({ sae: options.sae, ...metricsReport(source.description, sae.cfg, evaluation) }, null, 2));
  } finally {
    bars.stop();
    await source.close();
  }
}
