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
});
