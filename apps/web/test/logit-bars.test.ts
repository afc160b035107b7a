import { describe, expect, it } from 'vitest';
import { logitBarWidths } from '../src/lib/logit-bars';
import { featureHref, featureHrefFromId } from '../src/lib/routes';

describe('logitBarWidths', () => {
  it('scales both columns by the largest magnitude of either', () => {
    const widths = logitBarWidths([{ value: 2 }, { value: 1 }], [{ value: -4 }, { value: -0.5 }]);
    expect(widths).toEqual({ positive: [50, 25], negative: [100, 12.5] });
  });

  it('draws no bars when every effect is zero or absent', () => {
    expect(logitBarWidths([{ value: 0 }], [])).toEqual({ positive: [0], negative: [] });
  });
});

describe('featureHrefFromId', () => {
  it('links a neighbour by its readable id like featureHref does', () => {
    const saeId = 'demo-lm/blocks.2.hook_resid_post/topk-4096';
    expect(featureHrefFromId(`${saeId}/17`)).toBe(featureHref(saeId, 17));
  });
});
