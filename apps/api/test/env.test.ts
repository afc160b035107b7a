import { isAtlasError } from '@atlas/errors';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';

describe('loadEnv', () => {
  it('reads TRUST_PROXY as Express reads `trust proxy`, trusting no proxy by default', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'TRUE' }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it('rejects a TRUST_PROXY entry that is no address, subnet or preset, naming it and the accepted forms', () => {
    try {
      loadEnv({ TRUST_PROXY: 'loopback, my-proxy' });
      expect.unreachable();
    } catch (error) {
      expect(isAtlasError(error) && error.code).toBe('BAD_USER_INPUT');
      expect((error as Error).message).toContain('TRUST_PROXY');
      expect((error as Error).message).toContain('my-proxy');
      expect((error as Error).message).toContain('a number of proxy hops');
    }
  });

  it('binds to 127.0.0.1 unless HOST is set, and reads the rate limits and the request timeout', () => {
    const env = loadEnv({});
    expect(env.HOST).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect([env.RATE_LIMIT_ANONYMOUS, env.RATE_LIMIT_KEY, env.RATE_LIMIT_STEER_ANONYMOUS, env.RATE_LIMIT_STEER_KEY]).toEqual([600, 6000, 20, 120]);
    expect(env.RATE_LIMIT_EXEMPT).toEqual(['loopback']);
    expect(loadEnv({ RATE_LIMIT_EXEMPT: 'none' }).RATE_LIMIT_EXEMPT).toEqual([]);
    expect(loadEnv({ RATE_LIMIT_EXEMPT: '10.0.0.0/8, ::1' }).RATE_LIMIT_EXEMPT).toEqual(['10.0.0.0/8', '::1']);
    expect(env.REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(() => loadEnv({ RATE_LIMIT_ANONYMOUS: 'lots' })).toThrow(/requests per minute[\s\S]*RATE_LIMIT_ANONYMOUS/);
    expect(() => loadEnv({ RATE_LIMIT_EXEMPT: 'my-proxy' })).toThrow(/my-proxy/);
  });
});
