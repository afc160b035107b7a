import { describe, expect, it } from 'vitest';
import { MAX_FEATURE_INDEX, formatFeatureId, parseFeatureId, parseFeatureIndex } from '../src/index.ts';

describe('feature ids', () => {
  const saeId = 'demo-lm/blocks.2.hook_resid_post/topk-4096';

  it('splits at the last slash, since SAE ids contain slashes', () => {
    expect(parseFeatureId(`${saeId}/123`)).toEqual({ saeId, index: 123 });
    expect(formatFeatureId({ saeId, index: 123 })).toBe(`${saeId}/123`);
  });

  it('keeps the SAE part when the index is not a feature index', () => {
    expect(parseFeatureId(`${saeId}/-1`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(`${saeId}/1.5`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(`${saeId}/1e3`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(`${saeId}/`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(saeId)).toEqual({ saeId: 'demo-lm/blocks.2.hook_resid_post', index: null });
  });

  it('has no SAE part without a slash', () => {
    expect(parseFeatureId('123')).toBeNull();
    expect(parseFeatureId('/123')).toBeNull();
  });
});

describe('feature indices', () => {
  it('accept 0..2^31 - 1, the range of the int4 features.index column', () => {
    expect(MAX_FEATURE_INDEX).toBe(2 ** 31 - 1);
    expect(parseFeatureIndex('0')).toBe(0);
    expect(parseFeatureIndex('999999999')).toBe(999_999_999);
    expect(parseFeatureIndex('1000000000')).toBe(1_000_000_000);
    expect(parseFeatureIndex('2147483647')).toBe(MAX_FEATURE_INDEX);
    expect(parseFeatureIndex('2147483648')).toBeNull();
    expect(parseFeatureIndex('9999999999')).toBeNull();
    expect(parseFeatureIndex('99999999999')).toBeNull();
  });

  it('accept leading zeros (the index is what counts) and nothing but digits', () => {
    expect(parseFeatureIndex('007')).toBe(7);
    expect(parseFeatureIndex('0002147483647')).toBeNull(); // more than 10 digits
    for (const text of ['', ' 1', '1 ', '+1', '-0', '0x10', '1_000', '١٢', 'Infinity', 'NaN']) {
      expect(parseFeatureIndex(text)).toBeNull();
    }
  });
});
