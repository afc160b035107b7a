import { z } from 'zod';
import { ApiError } from './errors.ts';
import { compileTrustProxy, type TrustProxy } from './http/request-info.ts';

const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** `TRUST_PROXY`: false (default), true, a hop count, or a comma-separated list of proxy addresses/subnets. */
const TrustProxySchema = z
  .string()
  .optional()
  .transform((text, ctx): TrustProxy => {
    const value = text?.trim().toLowerCase();
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    try {
      compileTrustProxy(entries);
      return entries;
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `${(error as Error).message}: give true, false, a number of proxy hops, or proxy addresses/subnets separated by commas (e.g. "loopback, 10.0.0.0/8")`,
      });
      return z.NEVER;
    }
  });

/** `RATE_LIMIT_EXEMPT`: client addresses never rate-limited: none, or addresses/subnets (default loopback). */
const ExemptSchema = z
  .string()
  .optional()
  .transform((text, ctx): string[] => {
    const value = text?.trim().toLowerCase();
    if (value === undefined) return ['loopback'];
    if (value === 'none' || value === 'false') return [];
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    try {
      compileTrustProxy(entries);
      return entries;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${(error as Error).message}: give none, or addresses/subnets separated by commas (e.g. "loopback, 10.0.0.0/8")` });
      return z.NEVER;
    }
  });

const perMinute = (fallback: number) =>
  z.preprocess(unsetWhenEmpty, z.coerce.number({ error: 'must be a number of requests per minute' }).int().min(1).default(fallback));

/** Environment of the API process, validated once here and read nowhere else. */
const EnvSchema = z.object({
  /** HTTP port; empty counts as unset (4000). 0 picks a free port. */
  PORT: z.preprocess(
    unsetWhenEmpty,
    z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(4000),
  ),
  /** Interface to listen on: 127.0.0.1 (this machine only) unless set; 0.0.0.0 exposes the API (containers, a hosted atlas). */
  HOST: z.preprocess(unsetWhenEmpty, z.string().min(1).default('127.0.0.1')),
  /** Proxies in front of the API whose `x-forwarded-for` names the client; unset trusts none (the socket's peer is the client). */
  TRUST_PROXY: z.preprocess(unsetWhenEmpty, TrustProxySchema),
  /** Requests per minute: anonymous clients per address, API keys (and users) per key; steer apart. */
  RATE_LIMIT_ANONYMOUS: perMinute(600),
  RATE_LIMIT_KEY: perMinute(6_000),
  RATE_LIMIT_STEER_ANONYMOUS: perMinute(20),
  RATE_LIMIT_STEER_KEY: perMinute(120),
  RATE_LIMIT_EXEMPT: z.preprocess(unsetWhenEmpty, ExemptSchema),
  /** Milliseconds a request may run before its work is stopped (QUERY_TOO_COSTLY). */
  REQUEST_TIMEOUT_MS: z.preprocess(unsetWhenEmpty, z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).default(30_000)),
  /** Background jobs this process runs at once; 0 leaves them to `atlas worker` processes. */
  API_JOB_WORKERS: z.preprocess(unsetWhenEmpty, z.coerce.number({ error: 'must be a number of jobs' }).int().min(0).max(64).default(1)),
  /** Queued and running jobs over which starting another is refused (RATE_LIMITED). */
  API_MAX_ACTIVE_JOBS: z.preprocess(unsetWhenEmpty, z.coerce.number({ error: 'must be a number of jobs' }).int().min(1).default(20)),
  /** The atlas database on Postgres (also where jobs are queued); unset: the embedded one. */
  DATABASE_URL: z.preprocess(unsetWhenEmpty, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  /**
   * On DATABASE_URL, read statements are prepared once per connection and named (on); off for a pooler
   * in transaction mode, where one server session serves many clients and names would collide.
   */
  DATABASE_NAMED_STATEMENTS: z.preprocess(unsetWhenEmpty, z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
});

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new ApiError(`Invalid environment for @atlas/api:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
