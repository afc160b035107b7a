import { describe, expect, it } from 'vitest';
import { formatFeatureId, parseFeatureId } from '../src/feature-id.ts';

describe('feature ids', () => {
  const saeId = 'demo-lm/blocks.2.hook_resid_post/topk-4096';

  it('splits at the last slash, since SAE ids contain slashes', () => {
    expect(parseFeatureId(`${saeId}/123`)).toEqual({ saeId, index: 123 });
    expect(formatFeatureId({ saeId, index: 123 })).toBe(`${saeId}/123`);
  });

  it('keeps the SAE part when the index is not a non-negative integer', () => {
    expect(parseFeatureId(`${saeId}/-1`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(`${saeId}/1.5`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(`${saeId}/`)).toEqual({ saeId, index: null });
    expect(parseFeatureId(saeId)).toEqual({ saeId: 'demo-lm/blocks.2.hook_resid_post', index: null });
  });

  it('has no SAE part without a slash', () => {
    expect(parseFeatureId('123')).toBeNull();
    expect(parseFeatureId('/123')).toBeNull();
  });
});
