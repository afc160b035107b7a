import { describe, expect, it } from 'vitest';
import { MAX_TRY_TEXT_CHARS, featureRouteParams, modelRouteParams, readFeatureSearchParams, readSaeSearchParams, saeRouteParams } from '../src/lib/params';

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

  it('reads model ids of one or two segments', () => {
    expect(modelRouteParams.parse({ id: ['demo-lm'] })).toEqual({ modelId: 'demo-lm' });
    expect(modelRouteParams.parse({ id: ['org', 'gpt2'] })).toEqual({ modelId: 'org/gpt2' });
    expect(modelRouteParams.safeParse({ id: [] }).success).toBe(false);
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
  it('defaults, with nothing to report', () => {
    expect(readSaeSearchParams({})).toEqual({
      values: { sort: 'index', quality: 'all', label: undefined, first: 25, after: undefined, prev: [], goto: undefined },
      problems: [],
    });
  });

  it('reads a page position with a cursor stack', () => {
    expect(readSaeSearchParams({ first: '50', after: 'c2', prev: ['', 'c1'] }).values).toEqual({
      sort: 'index',
      quality: 'all',
      label: undefined,
      first: 50,
      after: 'c2',
      prev: ['', 'c1'],
      goto: undefined,
    });
    expect(readSaeSearchParams({ prev: '' }).values.prev).toEqual(['']);
  });

  it('falls back to defaults for invalid values and names each with what it may be', () => {
    const { values, problems } = readSaeSearchParams({ first: '-3', after: ['a', 'b'], goto: 'x' });
    expect(values.first).toBe(25);
    expect(values.after).toBeUndefined();
    expect(values.goto).toBeUndefined();
    expect(problems.map((problem) => problem.param)).toEqual(['first', 'after', 'goto']);
    expect(problems[0]).toEqual({ param: 'first', value: '-3', allowed: 'a whole number from 1 to 100 (features per page)' });
    expect(problems[1]?.value).toBe('a, b');
    expect(readSaeSearchParams({ first: 'abc', after: '' }).values.first).toBe(25);
  });
});

describe('feature list order and filter', () => {
  it('reads every order and filter the list offers', () => {
    expect(readSaeSearchParams({ sort: 'density-desc', quality: 'live' }).values).toMatchObject({ sort: 'density-desc', quality: 'live' });
    expect(readSaeSearchParams({ sort: 'max-asc', quality: 'dead' }).problems).toEqual([]);
  });

  it('takes label text, trimmed, and names one over the limit', () => {
    expect(readSaeSearchParams({ label: '  whale ' }).values.label).toBe('whale');
    expect(readSaeSearchParams({ label: '' }).values.label).toBeUndefined();
    expect(readSaeSearchParams({ label: 'x'.repeat(201) }).problems[0]?.param).toBe('label');
  });

  it('names an unknown order or filter with the allowed values', () => {
    const { values, problems } = readSaeSearchParams({ sort: 'loudest', quality: 'shiny' });
    expect(values).toMatchObject({ sort: 'index', quality: 'all' });
    expect(problems).toEqual([
      { param: 'sort', value: 'loudest', allowed: 'one of index, density-desc, density-asc, max-desc, max-asc, label-score, label-score-asc' },
      { param: 'quality', value: 'shiny', allowed: 'one of all, live, dead, dense' },
    ]);
  });
});

describe('feature page search params', () => {
  it('reads the histogram count axis, linear by default, and reports an unknown one', () => {
    expect(readFeatureSearchParams({}).values.counts).toBe('linear');
    expect(readFeatureSearchParams({ counts: 'log' }).values.counts).toBe('log');
    const { values, problems } = readFeatureSearchParams({ counts: 'cubic' });
    expect(values.counts).toBe('linear');
    expect(problems).toEqual([{ param: 'counts', value: 'cubic', allowed: "linear or log (the histogram's count axis)" }]);
  });

  it('takes a "try it" text, treating a blank one as none and refusing one past the limit', () => {
    expect(readFeatureSearchParams({ try: 'Call me Ishmael.' }).values.try).toBe('Call me Ishmael.');
    expect(readFeatureSearchParams({ try: '   ' }).values.try).toBeUndefined();
    const long = readFeatureSearchParams({ try: 'x'.repeat(MAX_TRY_TEXT_CHARS + 1) });
    expect(long.values.try).toBeUndefined();
    expect(long.problems[0]?.param).toBe('try');
  });
});
