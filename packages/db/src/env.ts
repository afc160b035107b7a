import { AtlasError } from '@atlas/errors';
import { z } from 'zod';

/** Empty strings count as unset, so `DATABASE_URL=` in a shell or compose file means "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const EnvSchema = z.object({
  /** Postgres to use instead of the embedded PGlite database: `postgres://user:pass@host:5432/db`. */
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })),
  /** Root of local atlas data (default `<repo>/.atlas`); PGlite keeps its files in `pgdata/` under it. */
  ATLAS_DATA_DIR: optional(z.string()),
});

export type DbEnv = z.infer<typeof EnvSchema>;

let cached: DbEnv | undefined;

/** The package's environment, validated once. Nothing else in @atlas/db reads `process.env`. */
export function dbEnv(): DbEnv {
  cached ??= parseDbEnv(process.env);
  return cached;
}

export function parseDbEnv(env: Record<string, string | undefined>): DbEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`);
    throw new AtlasError(
      `Invalid environment for the atlas database:\n${problems.join('\n')}\n` +
        'Set DATABASE_URL to postgres://user:password@host:5432/database, or leave it unset for the embedded database.',
      { code: 'BAD_USER_INPUT' },
    );
  }
  return parsed.data;
}
