import { DEVICE_PROVIDERS, type Device } from '@atlas/sae';
import { flags } from './flags/index.ts';

// Flags several commands share, declared once here.

const DEVICES = Object.keys(DEVICE_PROVIDERS) as [Device, ...Device[]];

export const modelFolder = flags.path({
  arg: 'dir',
  help: 'Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx)',
  required: 'a Hugging Face ONNX folder, e.g. packages/demo-model',
});

export const saeFolder = flags.path({
  arg: 'dir',
  help: 'SAE folder: SAELens (cfg.json + sae_weights.safetensors) or sparsify (cfg.json + sae.safetensors)',
  required: 'a SAELens folder: cfg.json + sae_weights.safetensors, or a sparsify folder',
});

export const saeId = flags.text({
  arg: 'id',
  help: 'SAE id, e.g. demo-lm/blocks.2.hook_resid_post/topk-4096',
  required: 'e.g. demo-lm/blocks.2.hook_resid_post/topk-4096',
});

/** `--device`: the onnxruntime execution provider; one that cannot start falls back to CPU with a warning. */
export const device = flags.choice(DEVICES, {
  help: 'onnxruntime execution provider: cpu, webgpu (needs a GPU with Vulkan) or cuda; falls back to CPU with a warning',
  default: 'cpu',
});

/** `--activations`: one or more .safetensors / .npy files, or directories of them (rows in that order). */
export const activationPaths = (help: string) => flags.list({
  arg: 'paths',
  help,
  required: '.safetensors or .npy files from `atlas extract`, or a directory of them',
});

/** `--coactivation-memory MiB`: memory for exact co-activation pair counts (absent: the 256 MiB default). */
export const coactivationMemory = flags.positiveInt({
  arg: 'MiB',
  help: 'memory for exact co-activation pair counts (default 256: up to 16,384 features); a wider SAE gets none unless raised',
});

/** The build flags that split the statistics pass into shard jobs (see docs/scaling.md). */
export const scaleOutFlags = {
  shards: flags.positiveInt({
    help: 'split the statistics pass into n shard jobs on the job queue in the atlas database (1: one pass in this process)',
    default: 1,
  }),
  localWorkers: flags.int({
    help: 'with --shards: shard workers inside this process (0: leave every shard to `atlas worker` processes)',
    min: 0,
    default: 1,
  }),
  queuePort: flags.int({
    help: 'with --shards and the embedded database: the local port it is served on for `atlas worker` (default: a free port, printed)',
    min: 0,
    max: 65_535,
  }),
  queueUrl: flags.url({
    help: 'with --shards and Postgres: the queue database (default DATABASE_URL)',
    protocols: ['postgres:', 'postgresql:'],
    example: 'postgres://atlas:atlas@localhost:5432/atlas',
  }).env('DATABASE_URL'),
};
