import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { evaluationBars, metricsReport } from '../metrics-report.ts';
import { requireActivationPaths } from '../require-paths.ts';
import { activationPaths, device, saeFolder } from '../shared-flags.ts';

/**
 * `atlas eval`: streams activation rows through an SAE and prints every metric as JSON on stdout
 * (progress bars on stderr, so the output pipes cleanly into a file or jq).
 */
export const evalCommand = defineCommand({
  name: 'eval',
  description: 'Evaluate an SAE on activations; prints JSON: L0, FVU, explained variance, R², dead/dense fractions, density, coherence μ, AIP, q*.',
  flags: {
    sae: saeFolder,
    activations: activationPaths('.safetensors (2-D "activations") or .npy files, read in order, or a directory of them'),
    rows: flags.positiveInt({ help: 'evaluate only the first n rows' }),
    batchSize: flags.positiveInt({ help: 'rows per onnxruntime run', default: 4096 }),
    atoms: flags.toggle({ help: 'skip coherence, AIP and q* (a second pass over the rows and a width² · d_in product)', default: true }),
    device,
  },
  async run(options) {
    const [{ openActivationSource }, { evaluateSource, loadSae }, { terminalProgress }] =
      await Promise.all([import('@atlas/activations'), import('@atlas/sae'), import('@atlas/pipeline')]);
    const sae = await loadSae(options.sae);
    requireActivationPaths(options.activations);
    const source = await openActivationSource(options.activations);
    const bars = evaluationBars(terminalProgress);
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
  },
});
