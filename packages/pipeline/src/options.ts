import { DEVICE_PROVIDERS, GBA_BIAS_STARTS, NORMALIZE_MODES, SUPPORTED_ARCHITECTURES, getArchitecture, type Device } from '@atlas/sae';
import { z } from 'zod';
import { UserError } from './errors.ts';

const positiveInt = (flag: string) =>
  z.coerce
    .number({ error: `${flag} must be a number` })
    .int(`${flag} must be a whole number`)
    .positive(`${flag} must be at least 1`);

const DEVICES = Object.keys(DEVICE_PROVIDERS) as [Device, ...Device[]];

/** `--device`: the onnxruntime execution provider; one that cannot start falls back to CPU with a warning. */
const device = z
  .enum(DEVICES, { error: (issue) => `--device ${String(issue.input)} is not supported; supported: ${DEVICES.join(', ')}` })
  .default('cpu');

/** `--activations`: one or more .safetensors / .npy files, or directories of them (rows in that order). */
const activationPaths = z
  .union([z.string(), z.array(z.string())], { error: '--activations is required (.safetensors or .npy files from `atlas extract`, or a directory of them)' })
  .transform((value) => (typeof value === 'string' ? [value] : value));

export const evalOptions = z.object({
  sae: z.string({ error: '--sae DIR is required (a SAELens folder: cfg.json + sae_weights.safetensors, or a sparsify folder)' }),
  activations: activationPaths,
  rows: positiveInt('--rows').optional(),
  batchSize: positiveInt('--batch-size').default(4096),
  atoms: z.boolean().default(true),
  device,
});

export const extractOptions = z.object({
  model: z.string({ error: '--model DIR is required (a Hugging Face ONNX folder, e.g. packages/demo-model)' }),
  hook: z.string({ error: '--hook NAME is required (e.g. blocks.2.hook_resid_post)' }),
  corpus: z.string({ error: '--corpus NAME|FILE is required (built-in: sotu, moby-dick, wordnet, demo; or a .txt/.jsonl file)' }),
  tokens: positiveInt('--tokens'),
  out: z.string({ error: '--out FILE is required (a .safetensors path)' }).endsWith('.safetensors', '--out must end in .safetensors'),
  seqLen: positiveInt('--seq-len').default(64),
  batchSize: positiveInt('--batch-size').default(16),
  device,
});

export const trainOptions = z
  .object({
    activations: activationPaths,
    architecture: z.enum(SUPPORTED_ARCHITECTURES, {
      error: (issue) => `--architecture ${String(issue.input)} is not supported; supported: ${SUPPORTED_ARCHITECTURES.join(', ')}`,
    }),
    width: positiveInt('--width'),
    k: positiveInt('--k').optional(),
    out: z.string({ error: '--out DIR is required (the SAELens folder to write)' }),
    epochs: positiveInt('--epochs').default(1),
    batchSize: positiveInt('--batch-size').default(4096),
    lr: z.coerce.number().positive('--lr must be positive').optional(),
    seed: z.coerce.number().int('--seed must be a whole number').default(0),
    device,
    normalize: z
      .enum(NORMALIZE_MODES, { error: (issue) => `--normalize ${String(issue.input)} is not supported; supported: ${NORMALIZE_MODES.join(', ')}` })
      .default('none'),
    auxK: z.coerce.number({ error: '--aux-k must be a number' }).int('--aux-k must be a whole number').nonnegative('--aux-k must be 0 (off) or more').optional(),
    gbaBiasStart: z
      .enum(GBA_BIAS_STARTS, { error: (issue) => `--gba-bias-start ${String(issue.input)} is not supported; supported: ${GBA_BIAS_STARTS.join(', ')}` })
      .default('zero'),
    checkpointDir: z.string().optional(),
    checkpointEvery: positiveInt('--checkpoint-every').default(500),
  })
  .refine((options) => options.k !== undefined || !getArchitecture(options.architecture).needsK, {
    error: '--k is required for topk and batchtopk (active features per token) and mp (matching pursuit steps)',
  })
  .refine((options) => options.k === undefined || options.k <= options.width, {
    error: '--k must not exceed --width (k active features out of width)',
  });

/** The demo atlas' size: 320 Ki held-out tokens (of 360k), 8 passes of SAE training. */
export const DEMO_DEFAULTS = { tokens: 327_680, width: 4096, k: 32, epochs: 8 } as const;

/** `--coactivation-memory MiB`: memory for exact co-activation pair counts (absent: the 256 MiB default). */
const coactivationMemory = positiveInt('--coactivation-memory').optional();

export const buildDemoOptions = z.object({
  tokens: positiveInt('--tokens').default(DEMO_DEFAULTS.tokens),
  width: positiveInt('--width').default(DEMO_DEFAULTS.width),
  k: positiveInt('--k').default(DEMO_DEFAULTS.k),
  epochs: positiveInt('--epochs').default(DEMO_DEFAULTS.epochs),
  coactivationMemory,
});

export const buildOptions = z.object({
  model: z.string({ error: '--model DIR is required (a Hugging Face ONNX folder, e.g. packages/demo-model)' }),
  sae: z.string({ error: '--sae DIR is required (a SAELens folder: cfg.json + sae_weights.safetensors, or a sparsify folder)' }),
  hook: z.string({ error: '--hook NAME is required (the hook the SAE reads, e.g. blocks.2.hook_resid_post)' }),
  corpus: z.string({ error: '--corpus NAME|FILE is required (built-in: sotu, moby-dick, wordnet, demo, demo-heldout; or a .txt/.jsonl file)' }),
  tokens: positiveInt('--tokens'),
  id: z.string().optional(),
  modelId: z.string().regex(/^[A-Za-z0-9._-]+$/, '--model-id may use letters, digits, ".", "_" and "-" only').optional(),
  seqLen: positiveInt('--seq-len').default(64),
  topK: positiveInt('--top-k').default(20),
  seed: z.coerce.number().int('--seed must be a whole number').default(0),
  coactivationMemory,
});

/** Parses CLI options with a schema; every problem is listed with the flag it concerns. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.message}`);
  throw new UserError(`Invalid options:\n${lines.join('\n')}`);
}
