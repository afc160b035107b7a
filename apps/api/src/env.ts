import { z } from 'zod';

/** Environment of the API process, validated once here and read nowhere else. */
const EnvSchema = z.object({
  /** HTTP port; empty counts as unset (4000). 0 picks a free port. */
  PORT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(4000),
  ),
  /** Interface to listen on; unset listens on every interface Node picks by default (containers set 0.0.0.0). */
  HOST: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).optional()),
});

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment for @atlas/api:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
