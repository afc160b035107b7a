import { Command, Option } from 'commander';
import { UserError } from './errors.ts';
import { DEMO_DEFAULTS } from './options.ts';
import { addScaleOutOptions } from './scale-out/cli-options.ts';

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
    .option('--device <name>', 'onnxruntime execution provider: cpu, webgpu (needs a GPU with Vulkan) or cuda; falls back to CPU with a warning', 'cpu')
    .action(async (options) => (await import('./commands/extract.ts')).runExtract(options));
  cli
    .command('hooks')
    .description('List the hook points a model offers, with their shapes.')
    .requiredOption('--model <dir>', 'Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx)')
    .action(async (options) => (await import('./commands/hooks.ts')).runHooks(options));
  cli
    .command('train')
    .description('Train an SAE on activation files and write a SAELens folder plus metrics.json.')
    .requiredOption('--activations <paths...>', '.safetensors (2-D "activations", F32/F16/BF16) or .npy files, read in order, or a directory of them')
    .requiredOption('--architecture <name>', 'SAE architecture: topk, batchtopk, relu, jumprelu, gba, mp')
    .requiredOption('--width <m>', 'number of SAE features (d_sae)')
    .option('--k <k>', 'active features per token (required for topk, batchtopk; matching pursuit steps, required, for mp; a cap for relu, jumprelu, gba)')
    .requiredOption('--out <dir>', 'output SAELens folder')
    .option('--epochs <n>', 'passes over the activations', '1')
    .option('--batch-size <n>', 'tokens per step', '4096')
    .option('--lr <x>', 'learning rate (default scales with width)')
    .option('--seed <n>', 'random seed', '0')
    .option('--device <name>', 'onnxruntime execution provider: cpu, webgpu (needs a GPU with Vulkan) or cuda; falls back to CPU with a warning', 'cpu')
    .option('--normalize <mode>', 'input normalisation (SAELens normalize_activations): none, expected_average_only_in, constant_norm_rescale, layer_norm', 'none')
    .option('--aux-k <n>', 'topk/batchtopk: dead latents fitting the residual per token in the auxiliary-k loss (default d_in/2; 0 turns it off)')
    .option('--checkpoint-dir <dir>', 'checkpoints; running the same command again resumes from them (default <out>.checkpoints, removed once the SAE is written)')
    .option('--checkpoint-every <steps>', 'steps between checkpoints (also at most 60 s apart)', '500')
    .action(async (options) => (await import('./commands/train.ts')).runTrain(options));
  cli
    .command('eval')
    .description('Evaluate an SAE on activations; prints JSON: L0, FVU, explained variance, R², dead/dense fractions, density, coherence μ, AIP, q*.')
    .requiredOption('--sae <dir>', 'SAE folder: SAELens (cfg.json + sae_weights.safetensors) or sparsify (cfg.json + sae.safetensors)')
    .requiredOption('--activations <paths...>', '.safetensors (2-D "activations") or .npy files, read in order, or a directory of them')
    .option('--rows <n>', 'evaluate only the first n rows')
    .option('--batch-size <n>', 'rows per onnxruntime run', '4096')
    .option('--no-atoms', 'skip coherence, AIP and q* (a second pass over the rows and a width² · d_in product)')
    .option('--device <name>', 'onnxruntime execution provider: cpu, webgpu (needs a GPU with Vulkan) or cuda; falls back to CPU with a warning', 'cpu')
    .action(async (options) => (await import('./commands/eval.ts')).runEval(options));
  cli
    .command('build-demo')
    .description('Build the demo atlas from scratch (corpus → database); resumes an interrupted build, skips a finished one.')
    .option('--tokens <n>', 'corpus tokens for training and statistics', String(DEMO_DEFAULTS.tokens))
    .option('--width <m>', 'SAE width', String(DEMO_DEFAULTS.width))
    .option('--k <k>', 'active features per token', String(DEMO_DEFAULTS.k))
    .option('--epochs <n>', 'SAE training passes', String(DEMO_DEFAULTS.epochs))
    .option('--with-comparisons', 'also build a 1/4-width SAE, a second seed and an SAE on the second demo LM (issue 12: cross-width, cross-seed, cross-model)')
    .action(async (options) => (await import('./commands/build-demo.ts')).runBuildDemo(options));
  cli
    .command('build')
    .description('Turn an existing SAE folder (SAELens or sparsify) plus a corpus into an atlas entry; resumes and skips like build-demo.')
    .requiredOption('--model <dir>', 'Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx)')
    .requiredOption('--sae <dir>', 'SAE folder: SAELens (cfg.json + sae_weights.safetensors) or sparsify')
    .requiredOption('--hook <name>', 'hook the SAE reads, e.g. blocks.2.hook_resid_post (its width must equal the SAE d_in)')
    .requiredOption('--corpus <name|file>', 'built-in corpus (sotu, moby-dick, wordnet, demo, demo-heldout) or a .txt/.jsonl file')
    .requiredOption('--tokens <n>', 'corpus tokens to compute feature statistics on')
    .option('--id <id>', 'SAE id in the atlas (default <model-id>/<hook>/<architecture>-<width>)')
    .option('--model-id <id>', 'model id in the atlas (default: the model folder name; demo-lm for the demo model)')
    .option('--seq-len <n>', 'tokens per context', '64')
    .option('--top-k <n>', 'top contexts kept per feature', '20')
    .option('--seed <n>', 'seed for corpus shuffling', '0')
    .action(async (options) => (await import('./commands/build.ts')).runBuild(options));
  cli
    .command('label')
    .description('Label the features of an SAE in the atlas with an LLM at an OpenAI-compatible endpoint (a local server works); resumes, skipping features this model labelled.')
    .requiredOption('--sae <id>', 'SAE id, e.g. demo-lm/blocks.2.hook_resid_post/topk-4096')
    .requiredOption('--llm-url <url>', 'OpenAI-compatible server: base URL (http://localhost:8080/v1) or the /v1/chat/completions endpoint')
    .requiredOption('--llm-model <name>', 'model name to ask for')
    .addOption(new Option('--llm-api-key <key>', 'API key sent as a Bearer token (if the server needs one)').env('ATLAS_LLM_API_KEY'))
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--timeout <seconds>', 'per request', '60')
    .option('--limit <n>', 'label only the first n features (by index)')
    .action(async (options) => (await import('./commands/label.ts')).runLabel(options));
  cli
    .command('export')
    .description('Write one SAE of the atlas as a versioned bundle: manifest.json (checksums, row counts) + one gzipped JSONL file per table.')
    .requiredOption('--sae <id>', 'SAE id, e.g. demo-lm/blocks.2.hook_resid_post/topk-4096')
    .requiredOption('--out <dir>', 'bundle folder to create (must not exist)')
    .action(async (options) => (await import('./commands/export.ts')).runExport(options));
  cli
    .command('import')
    .description('Load a bundle written by `atlas export` (checksums verified first; one transaction; contexts shared with existing ones).')
    .requiredOption('--bundle <dir>', 'bundle folder (with manifest.json)')
    .action(async (options) => (await import('./commands/import.ts')).runImport(options));
  // Both builds can split their statistics pass into shard jobs for `atlas worker`s, and size co-activation counting.
  for (const name of ['build-demo', 'build']) {
    const command = cli.commands.find((candidate) => candidate.name() === name);
    if (!command) continue;
    addScaleOutOptions(command);
    command.option('--coactivation-memory <MiB>', 'memory for exact co-activation pair counts (default 256: up to 16,384 features); a wider SAE gets none unless raised');
  }
  cli
    .command('worker')
    .description('Take statistics shards of atlas builds from the job queue (pg-boss) until stopped; run any number, anywhere.')
    .addOption(new Option('--database-url <url>', 'Postgres holding the queue (the atlas database)').env('DATABASE_URL'))
    .option('--concurrency <n>', 'shards processed at once', '1')
    .action(async (options) => (await import('./commands/worker.ts')).runWorker(options));
  return cli;
}

/** Errors each package raises for input a user can fix; they print as one line, without a stack. */
const USER_FACING_ERRORS = new Set([
  'UserError', 'CorpusError', 'ModelError', 'SaeError', 'SafetensorsError', 'OnnxError',
  'DatabaseConnectionError', 'IngestInputError', 'MigrationError', 'BundleError',
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
