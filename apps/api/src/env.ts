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

/** Environment of the API process, validated once here and read nowhere else. */
const EnvSchema = z.object({
  /** HTTP port; empty counts as unset (4000). 0 picks a free port. */
  PORT: z.preprocess(
    unsetWhenEmpty,
    z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(4000),
  ),
  /** Interface to listen on; unset listens on every interface Node picks by default (containers set 0.0.0.0). */
  HOST: z.preprocess(unsetWhenEmpty, z.string().min(1).optional()),
  /** Proxies in front of the API whose `x-forwarded-for` names the client; unset trusts none (the socket's peer is the client). */
  TRUST_PROXY: z.preprocess(unsetWhenEmpty, TrustProxySchema),
});

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new ApiError(`Invalid environment for @atlas/api:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
