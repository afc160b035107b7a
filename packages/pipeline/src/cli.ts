import { Command } from 'commander';
import { UserError } from './errors.ts';
import { DEMO_DEFAULTS } from './options.ts';

// Commands load their modules on use, so `atlas --help` starts instantly and a missing optional
// piece (say, no database driver) only matters to the command that needs it.
function program(): Command {
  const cli = new Command('atlas').description('Feature Atlas pipelines: corpus → activations → SAE → features → database.');
  cli
    .command('extract')
    .description('Run a model over a corpus and save activations at one hook (safetensors: activations [N, d_in], token_ids [N]).')
    .requiredOption('--model <dir>', 'Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx)')
    .requiredOption('--hook <name>', 'hook point, e.g. blocks.2.hook_resid_post')
    .requiredOption('--corpus <name|file>', 'built-in corpus (sotu, moby-dick, wordnet, demo) or a .txt/.jsonl file')
    .requiredOption('--tokens <n>', 'number of tokens to extract')
    .requiredOption('--out <file>', 'output .safetensors file')
    .option('--seq-len <n>', 'tokens per context', '64')
    .option('--batch-size <n>', 'contexts per forward pass', '16')
    .action(async (options) => (await import('./commands/extract.ts')).runExtract(options));
  cli
    .command('hooks')
    .description('List the hook points a model offers, with their shapes.')
    .requiredOption('--model <dir>', 'Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx)')
    .action(async (options) => (await import('./commands/hooks.ts')).runHooks(options));
  cli
    .command('train')
    .description('Train an SAE on an activation file and write a SAELens folder plus metrics.json.')
    .requiredOption('--activations <file>', 'safetensors with a 2-D float32 tensor "activations"')
    .requiredOption('--architecture <name>', 'SAE architecture: topk, batchtopk, relu, jumprelu, gba')
    .requiredOption('--width <m>', 'number of SAE features (d_sae)')
    .option('--k <k>', 'active features per token (required for topk, batchtopk; a cap for relu, jumprelu, gba)')
    .requiredOption('--out <dir>', 'output SAELens folder')
    .option('--epochs <n>', 'passes over the activations', '1')
    .option('--batch-size <n>', 'tokens per step', '4096')
    .option('--lr <x>', 'learning rate (default scales with width)')
    .option('--seed <n>', 'random seed', '0')
    .action(async (options) => (await import('./commands/train.ts')).runTrain(options));
  cli
    .command('build-demo')
    .description('Build the demo atlas from scratch (corpus → database); resumes an interrupted build, skips a finished one.')
    .option('--tokens <n>', 'corpus tokens for training and statistics', String(DEMO_DEFAULTS.tokens))
    .option('--width <m>', 'SAE width', String(DEMO_DEFAULTS.width))
    .option('--k <k>', 'active features per token', String(DEMO_DEFAULTS.k))
    .option('--epochs <n>', 'SAE training passes', String(DEMO_DEFAULTS.epochs))
    .action(async (options) => (await import('./commands/build-demo.ts')).runBuildDemo(options));
  return cli;
}

/** Errors each package raises for input a user can fix; they print as one line, without a stack. */
const USER_FACING_ERRORS = new Set([
  'UserError', 'CorpusError', 'ModelError', 'SaeError', 'SafetensorsError', 'OnnxError',
  'DatabaseConnectionError', 'IngestInputError', 'MigrationError',
]);

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof UserError || (error instanceof Error && USER_FACING_ERRORS.has(error.name))) {
      console.error(`atlas: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
