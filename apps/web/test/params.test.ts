import { describe, expect, it } from 'vitest';
import { featureRouteParams, featureSearchParams, saeRouteParams, saeSearchParams } from '../src/lib/params';

describe('route params', () => {
  it('joins SAE id segments', () => {
    expect(saeRouteParams.parse({ id: ['demo-lm', 'blocks.2.hook_resid_post', 'topk-4096'] })).toEqual({
      saeId: 'demo-lm/blocks.2.hook_resid_post/topk-4096',
    });
  });

  it('splits a feature id into SAE id and index', () => {
    expect(featureRouteParams.parse({ id: ['demo-lm', 'blocks.2.hook_resid_post', 'topk-4096', '123'] })).toEqual({
      saeId: 'demo-lm/blocks.2.hook_resid_post/topk-4096',
      index: 123,
      featureId: 'demo-lm/blocks.2.hook_resid_post/topk-4096/123',
    });
  });

  it('accepts every index the features.index column holds, 0..2^31 - 1, as the API does', () => {
    const index = (last: string) => featureRouteParams.safeParse({ id: ['demo-lm', 'topk-16', last] }).data?.index;
    expect(index('0')).toBe(0);
    expect(index('1000000000')).toBe(1_000_000_000); // ten digits: refused before the limit was shared
    expect(index('2147483647')).toBe(2_147_483_647);
    expect(index('2147483648')).toBeUndefined();
    expect(index('007')).toBe(7);
    expect(featureRouteParams.parse({ id: ['sae', '007'] }).featureId).toBe('sae/7');
  });

  it('rejects bad feature ids', () => {
    expect(featureRouteParams.safeParse({ id: ['demo-lm', 'abc'] }).success).toBe(false);
    expect(featureRouteParams.safeParse({ id: ['123'] }).success).toBe(false);
    expect(featureRouteParams.safeParse({ id: ['sae', '-1'] }).success).toBe(false);
    expect(featureRouteParams.safeParse({ id: ['sae', '1.5'] }).success).toBe(false);
    expect(saeRouteParams.safeParse({ id: [] }).success).toBe(false);
    expect(saeRouteParams.safeParse({ id: ['a/b'] }).success).toBe(false);
    expect(saeRouteParams.safeParse({ id: ['a\nb'] }).success).toBe(false);
  });
});

describe('SAE page search params', () => {
  it('defaults', () => {
    expect(saeSearchParams.parse({})).toEqual({ first: 25, after: undefined, prev: [], goto: undefined });
  });

  it('reads a page position with a cursor stack', () => {
    expect(saeSearchParams.parse({ first: '50', after: 'c2', prev: ['', 'c1'] })).toEqual({
      first: 50,
      after: 'c2',
      prev: ['', 'c1'],
      goto: undefined,
    });
    expect(saeSearchParams.parse({ prev: '' }).prev).toEqual(['']);
  });

  it('falls back to defaults for invalid values', () => {
    const parsed = saeSearchParams.parse({ first: '500', after: ['a', 'b'], goto: 'x' });
    expect(parsed.first).toBe(25);
    expect(parsed.after).toBeUndefined();
    expect(parsed.goto).toBeUndefined();
    expect(saeSearchParams.parse({ first: 'abc', after: '' }).first).toBe(25);
  });
});

describe('feature page search params', () => {
  it('reads the histogram count axis, linear by default', () => {
    expect(featureSearchParams.parse({}).counts).toBe('linear');
    expect(featureSearchParams.parse({ counts: 'log' }).counts).toBe('log');
    expect(featureSearchParams.parse({ counts: 'cubic' }).counts).toBe('linear');
  });
});
