import { describe, expect, it } from 'vitest';
import { parseDbEnv } from '../src/env.ts';

describe('parseDbEnv', () => {
  it('accepts postgres URLs and treats empty values as unset', () => {
    expect(parseDbEnv({ DATABASE_URL: 'postgres://atlas:atlas@db:5432/atlas', ATLAS_DATA_DIR: '/data' })).toEqual({
      DATABASE_URL: 'postgres://atlas:atlas@db:5432/atlas',
      ATLAS_DATA_DIR: '/data',
    });
    expect(parseDbEnv({ DATABASE_URL: 'postgresql://h/db' }).DATABASE_URL).toBe('postgresql://h/db');
    expect(parseDbEnv({ DATABASE_URL: '', ATLAS_DATA_DIR: '' })).toEqual({});
    expect(parseDbEnv({ PATH: '/bin' })).toEqual({});
  });

  it('names the variable when a URL is not Postgres', () => {
    expect(() => parseDbEnv({ DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL/);
    expect(() => parseDbEnv({ DATABASE_URL: 'not a url' })).toThrow(/postgres:\/\/ URL/);
    expect(() => parseDbEnv({ DATABASE_URL: 'http://h/db' })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/DATABASE_URL must be a postgres:\/\/ URL\nSet DATABASE_URL to/) }),
    );
  });
});
