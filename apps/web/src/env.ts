import { z } from 'zod';

/** Server-side environment, validated once. Read it from here and nowhere else. */
const envSchema = z.object({
  ATLAS_API_URL: z
    .url({ protocol: /^https?$/, error: 'ATLAS_API_URL must be an http(s) URL such as http://localhost:4000/graphql' })
    .default('http://localhost:4000/graphql'),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse({ ATLAS_API_URL: source.ATLAS_API_URL || undefined });
  if (!result.success) {
    throw new Error(`Invalid environment for apps/web:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
