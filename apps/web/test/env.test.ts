import { describe, expect, it } from 'vitest';
import { parseEnv } from '../src/env';

describe('parseEnv', () => {
  it('defaults the API URL', () => {
    expect(parseEnv({}).ATLAS_API_URL).toBe('http://localhost:4000/graphql');
    expect(parseEnv({ ATLAS_API_URL: '' }).ATLAS_API_URL).toBe('http://localhost:4000/graphql');
  });

  it('accepts an http(s) URL and rejects anything else', () => {
    expect(parseEnv({ ATLAS_API_URL: 'https://atlas.example/graphql' }).ATLAS_API_URL).toBe('https://atlas.example/graphql');
    expect(() => parseEnv({ ATLAS_API_URL: 'localhost:4000' })).toThrow(/ATLAS_API_URL/);
    expect(() => parseEnv({ ATLAS_API_URL: 'ftp://x/graphql' })).toThrow(/ATLAS_API_URL/);
  });
});
