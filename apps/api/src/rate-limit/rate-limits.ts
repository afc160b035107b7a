import { rateLimitStore, type AtlasDb } from '@atlas/db';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimitKey, type Viewer } from '../auth/viewer.ts';
import { rateLimited, type ApiError } from '../errors.ts';
import { compileTrustProxy, type RequestInfo, type TrustProxy } from '../http/request-info.ts';

/** Requests per minute: anonymous clients by address, API keys and users by id; `steer` counted apart. */
export type RateLimitSettings = {
  anonymousPerMinute: number;
  keyPerMinute: number;
  steerAnonymousPerMinute: number;
  steerKeyPerMinute: number;
  /** Sign-in attempts per handle per minute, from any address (the web app signs in from loopback, which is otherwise exempt). */
  signInPerHandlePerMinute: number;
  /** Client addresses never limited (TRUST_PROXY's syntax): loopback by default, so the web app on this host is not. */
  exempt: TrustProxy;
};

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  anonymousPerMinute: 600,
  keyPerMinute: 6_000,
  steerAnonymousPerMinute: 20,
  steerKeyPerMinute: 120,
  signInPerHandlePerMinute: 10,
  exempt: ['loopback'],
};

/** A refused request: the error to send and the seconds to put in `retry-after`. */
export type RateLimitRefusal = { error: ApiError; retryAfterS: number };

type Limiter = { limiter: RateLimiterAbstract; what: string; perMinute: number };

/**
 * Rate limits with rate-limiter-flexible: on Postgres the counters live in its `rate_limits`
 * table, so every API instance on one database shares them (falling back to memory while the
 * database is unreachable: a restart must not refuse every request); on PGlite in memory, which
 * is exact there because one process owns the database.
 */
export class RateLimits {
  readonly settings: RateLimitSettings;
  readonly store: 'postgres' | 'memory';
  readonly #isExempt: (address: string) => boolean;
  readonly #requests: { anonymous: Limiter; key: Limiter };
  readonly #steer: { anonymous: Limiter; key: Limiter };
  readonly #signIn: Limiter;

  constructor(db: AtlasDb, settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
    this.settings = settings;
    const store = rateLimitStore(db);
    this.store = store ? 'postgres' : 'memory';
    const trust = compileTrustProxy(settings.exempt);
    this.#isExempt = (address) => trust(address, 0);
    const make = (keyPrefix: string, perMinute: number, what: string): Limiter => {
      const options = { keyPrefix, points: perMinute, duration: 60 };
      const memory = new RateLimiterMemory(options);
      const limiter = store
        // Keys over their limit are refused from memory until the window ends, without a query.
        ? new RateLimiterPostgres({ ...store, ...options, insuranceLimiter: memory, inMemoryBlockOnConsumed: perMinute + 1, inMemoryBlockDuration: 60 })
        : memory;
      return { limiter, what, perMinute };
    };
    this.#requests = {
      anonymous: make('api', settings.anonymousPerMinute, 'requests per minute from one address without an API key'),
      key: make('api', settings.keyPerMinute, 'requests per minute for one API key'),
    };
    this.#steer = {
      anonymous: make('steer', settings.steerAnonymousPerMinute, 'steer requests per minute from one address without an API key'),
      key: make('steer', settings.steerKeyPerMinute, 'steer requests per minute for one API key'),
    };
    this.#signIn = make('sign-in', settings.signInPerHandlePerMinute, 'sign-in attempts per minute for one handle');
  }

  /** Counts one sign-in attempt for a handle, whoever sends it (password guessing is limited per account); a refusal past the limit. */
  admitSignIn(handle: string): Promise<RateLimitRefusal | null> {
    return this.#consumeKey(this.#signIn, `handle:${handle}`, '');
  }

  /** Counts one request; a refusal when its viewer is over the limit. */
  admitRequest(viewer: Viewer, request: RequestInfo): Promise<RateLimitRefusal | null> {
    return this.#consume(this.#requests, viewer, request);
  }

  /** Counts one `steer`; a refusal when its viewer is over the steering limit. */
  admitSteer(viewer: Viewer, request: RequestInfo): Promise<RateLimitRefusal | null> {
    return this.#consume(this.#steer, viewer, request);
  }

  async #consume(limiters: { anonymous: Limiter; key: Limiter }, viewer: Viewer, request: RequestInfo): Promise<RateLimitRefusal | null> {
    if (viewer.kind === 'anonymous' && request.clientAddress && this.#isExempt(request.clientAddress)) return null;
    const advice = viewer.kind === 'anonymous' ? ' Scripts that need more can send an API key.' : '';
    return this.#consumeKey(viewer.kind === 'anonymous' ? limiters.anonymous : limiters.key, rateLimitKey(viewer, request), advice);
  }

  async #consumeKey({ limiter, what, perMinute }: Limiter, key: string, advice: string): Promise<RateLimitRefusal | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      const retryAfterS = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
      return {
        retryAfterS,
        error: rateLimited(`Too many requests: the limit is ${perMinute} ${what}. Retry in ${retryAfterS} s.${advice}`),
      };
    }
  }
}
