import { SUPPORTED_ARCHITECTURES } from '@atlas/sae';
import { z } from 'zod';
import { UserError } from './errors.ts';

const positiveInt = (flag: string) =>
  z.coerce
    .number({ error: `${flag} must be a number` })
    .int(`${flag} must be a whole number`)
    .positive(`${flag} must be at least 1`);

export const extractOptions = z.object({
  model: z.string({ error: '--model DIR is required (a Hugging Face ONNX folder, e.g. packages/demo-model)' }),
  hook: z.string({ error: '--hook NAME is required (e.g. blocks.2.hook_resid_post)' }),
  corpus: z.string({ error: '--corpus NAME|FILE is required (built-in: sotu, moby-dick, wordnet, demo; or a .txt/.jsonl file)' }),
  tokens: positiveInt('--tokens'),
  out: z.string({ error: '--out FILE is required (a .safetensors path)' }).endsWith('.safetensors', '--out must end in .safetensors'),
  seqLen: positiveInt('--seq-len').default(64),
  batchSize: positiveInt('--batch-size').default(16),
});

export const trainOptions = z
  .object({
    activations: z.string({ error: '--activations FILE is required (from `atlas extract`)' }),
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
  })
  .refine((options) => options.k !== undefined || !['topk', 'batchtopk'].includes(options.architecture), {
    error: '--k is required for topk and batchtopk (active features per token)',
  })
  .refine((options) => options.k === undefined || options.k <= options.width, {
    error: '--k must not exceed --width (k active features out of width)',
  });

/** The demo atlas' size: 320 Ki held-out tokens (of 360k), 8 passes of SAE training. */
export const DEMO_DEFAULTS = { tokens: 327_680, width: 4096, k: 32, epochs: 8 } as const;

export const buildDemoOptions = z.object({
  tokens: positiveInt('--tokens').default(DEMO_DEFAULTS.tokens),
  width: positiveInt('--width').default(DEMO_DEFAULTS.width),
  k: positiveInt('--k').default(DEMO_DEFAULTS.k),
  epochs: positiveInt('--epochs').default(DEMO_DEFAULTS.epochs),
});

/** Parses CLI options with a schema; every problem is listed with the flag it concerns. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.message}`);
  throw new UserError(`Invalid options:\n${lines.join('\n')}`);
}
