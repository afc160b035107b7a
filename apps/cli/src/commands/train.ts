import path from 'node:path';
import { GBA_BIAS_STARTS, NORMALIZE_MODES, SUPPORTED_ARCHITECTURES, getArchitecture } from '@atlas/sae';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { evaluationBars, metricsReport } from '../metrics-report.ts';
import { requireActivationPaths } from '../require-paths.ts';
import { activationPaths, device } from '../shared-flags.ts';

/** Rows the metrics in metrics.json are measured on (the first ones of the activation files). */
const METRICS_ROWS = 65_536;

export const trainCommand = defineCommand({
  name: 'train',
  description: 'Train an SAE on activation files and write a SAELens folder plus metrics.json.',
  flags: {
    activations: activationPaths('.safetensors (2-D "activations", F32/F16/BF16) or .npy files, read in order, or a directory of them'),
    architecture: flags.choice(SUPPORTED_ARCHITECTURES, {
      help: 'SAE architecture: topk, batchtopk, relu, jumprelu, gba, mp',
      required: `one of ${SUPPORTED_ARCHITECTURES.join(', ')}`,
    }),
    width: flags.positiveInt({ arg: 'm', help: 'number of SAE features (d_sae)', required: true }),
    k: flags.positiveInt({
      arg: 'k',
      help: 'active features per token (required for topk, batchtopk; matching pursuit steps, required, for mp; a cap for relu, jumprelu, gba)',
    }),
    out: flags.path({ arg: 'dir', help: 'output SAELens folder', required: 'the SAELens folder to write' }),
    epochs: flags.positiveInt({ help: 'passes over the activations', default: 1 }),
    batchSize: flags.positiveInt({ help: 'tokens per step', default: 4096 }),
    lr: flags.positiveNumber({ help: 'learning rate (default scales with width)' }),
    seed: flags.int({ help: 'random seed', default: 0 }),
    device,
    normalize: flags.choice(NORMALIZE_MODES, {
      arg: 'mode',
      help: 'input normalisation (SAELens normalize_activations): none, expected_average_only_in, constant_norm_rescale, layer_norm',
      default: 'none',
    }),
    auxK: flags.int({
      help: 'topk/batchtopk: dead latents fitting the residual per token in the auxiliary-k loss (default d_in/2; 0 turns it off)',
      min: 0,
    }),
    gbaBiasStart: flags.choice(GBA_BIAS_STARTS, {
      arg: 'how',
      help: "gba: where the neurons' biases start: zero (the paper's) or quantile (each at its group's target quantile of the first projections, so neurons fire at their target rates from the first step; departs from the paper)",
      default: 'zero',
    }),
    checkpointDir: flags.path({
      arg: 'dir',
      help: 'checkpoints; running the same command again resumes from them (default <out>.checkpoints, removed once the SAE is written)',
    }),
    checkpointEvery: flags.positiveInt({ arg: 'steps', help: 'steps between checkpoints (also at most 60 s apart)', default: 500 }),
  },
  rules: [
    {
      holds: (options) => options.k !== undefined || !getArchitecture(options.architecture).needsK,
      message: '--k is required for topk and batchtopk (active features per token) and mp (matching pursuit steps)',
    },
    {
      holds: (options) => options.k === undefined || options.k <= options.width,
      message: '--k must not exceed --width (k active features out of width)',
    },
  ],
  async run(options) {
    // Rows stream from the files (safetensors or .npy, several shards or a directory): training
    // holds a shuffle buffer of them, not the whole set.
    requireActivationPaths(options.activations);
    const { rm, rmdir } = await import('node:fs/promises');
    const [{ openActivationSource }, { CHECKPOINT_FILE, METRICS_FILE, evaluateSource, saveSaeLens }, { terminalProgress, trainSaeStep, writeJsonAtomic }] =
      await Promise.all([import('@atlas/activations'), import('@atlas/sae'), import('@atlas/pipeline')]);
    // Beside the output, so two trainings into different folders never share one.
    const checkpointDir = options.checkpointDir ?? `${path.resolve(options.out)}.checkpoints`;
    const source = await openActivationSource(options.activations);
    try {
      const { sae, metrics } = await trainSaeStep({
        activations: source, rows: source.rows, dIn: source.dIn, architecture: options.architecture, width: options.width, k: options.k,
        epochs: options.epochs, batchSize: options.batchSize, seed: options.seed, lr: options.lr, device: options.device,
        hookName: source.metadata.hook ?? 'unknown', modelId: source.metadata.model ?? 'unknown', progress: terminalProgress,
        normalizeActivations: options.normalize, ...(options.auxK === undefined ? {} : { auxK: options.auxK }),
        gbaBiasStart: options.gbaBiasStart, checkpointDir, checkpointEvery: options.checkpointEvery, log: (line) => console.log(line),
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
  },
});
