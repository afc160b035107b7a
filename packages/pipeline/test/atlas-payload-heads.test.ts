import { describe, expect, it } from 'vitest';
import { FeatureStatsAccumulator } from '@atlas/features';
import type { SaeWeights } from '@atlas/sae';
import { buildAtlasPayload } from '../src/index.ts';

// 3 features over d_in 6 = 3 heads × 2: feature 0 in head 2, feature 1 split 1:3 over heads 0 and 1.
const W_dec = Float32Array.from([0, 0, 0, 0, 3, 4, 1, 0, 0, Math.sqrt(3), 0, 0, 1, 1, 1, 1, 1, 1]);

function payloadFor(hookName: string, headCount?: number) {
  const weights: SaeWeights = {
    cfg: { architecture: 'topk', dIn: 6, width: 3, k: 1, hookName, modelId: 'demo-lm', dtype: 'float32', normalizeActivations: 'none' },
    W_enc: new Float32Array(18),
    b_enc: new Float32Array(3),
    W_dec,
    b_dec: new Float32Array(6),
  };
  return buildAtlasPayload({
    sae: {
      id: `demo-lm/${hookName}/topk-3`, modelId: 'demo-lm', hookName, architecture: 'topk', kind: 'sae', dIn: 6, width: 3, k: 1,
      trainingTokens: null, statisticsTokens: null, corpusName: null, metrics: null,
    },
    checksum: 'sha256:test',
    corpus: { id: 'demo', name: 'demo' },
    weights,
    statistics: new FeatureStatsAccumulator(3).finish(),
    contexts: [],
    decodeTokens: (ids) => ids.map(String),
    ...(headCount === undefined ? {} : { headCount }),
  });
}

describe('buildAtlasPayload head attributions', () => {
  it('adds each head’s share of every decoder row for an attn.hook_z SAE', () => {
    const rows = payloadFor('blocks.1.attn.hook_z', 3).headAttributions!;
    const byFeature = (j: number) => rows.filter((r) => r.featureIndex === j).map((r) => [r.head, r.share]);
    expect(byFeature(0)).toEqual([[0, 0], [1, 0], [2, 1]]);
    expect(byFeature(1).map(([head, share]) => [head, Number(share!.toFixed(6))])).toEqual([[0, 0.25], [1, 0.75], [2, 0]]);
    expect(byFeature(2).map(([, share]) => share)).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
  });

  it('adds none for other hooks, and needs the head count for hook_z', () => {
    expect(payloadFor('blocks.1.hook_resid_post', 3).headAttributions).toBeUndefined();
    expect(() => payloadFor('blocks.1.attn.hook_z')).toThrow(/needs the model's head count \(n_head or num_attention_heads/);
    expect(() => payloadFor('blocks.1.attn.hook_z')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', userFacing: true }));
  });
});
