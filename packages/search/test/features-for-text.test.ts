import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguageModel, type LanguageModel } from '@atlas/model';
import { writeTinyGpt } from '@atlas/model/testing';
import type { SaeWeights } from '@atlas/sae';
import { featuresForText, TEXT_LIMITS, tokenWindows } from '../src/index.ts';

const HOOK = 'blocks.1.hook_resid_post';
const WIDTH = 12;
const K = 3;

function randomSae(dIn: number): SaeWeights {
  let state = 11;
  const next = () => ((state = (state * 48271) % 2147483647) / 2147483647) * 2 - 1;
  return {
    cfg: { architecture: 'topk', dIn, width: WIDTH, k: K, hookName: HOOK, modelId: 'tiny', dtype: 'float32', normalizeActivations: 'none' },
    W_enc: Float32Array.from({ length: dIn * WIDTH }, next),
    b_enc: Float32Array.from({ length: WIDTH }, () => next() * 0.1),
    W_dec: Float32Array.from({ length: WIDTH * dIn }, next),
    b_dec: Float32Array.from({ length: dIn }, () => next() * 0.1),
  };
}

/** ReLU(TopK_k((x − b_dec)·W_enc + b_enc)) of one row, strongest first, as the SAE defines it. */
function directCodes(sae: SaeWeights, x: Float32Array): { index: number; value: number }[] {
  const { dIn, width } = sae.cfg;
  const pre = Array.from({ length: width }, (_, j) => {
    let sum = sae.b_enc[j]!;
    for (let i = 0; i < dIn; i++) sum += (x[i]! - sae.b_dec[i]!) * sae.W_enc[i * width + j]!;
    return { index: j, value: sum };
  });
  return pre.sort((a, b) => b.value - a.value).slice(0, K).filter((code) => code.value > 0);
}

describe('featuresForText on a tiny GPT and a TopK SAE', () => {
  const tiny = writeTinyGpt({ layerCount: 2, contextLength: 16 });
  let model: LanguageModel;
  let sae: SaeWeights;
  beforeAll(async () => {
    model = await loadLanguageModel(tiny.dir, { threads: 1 });
    sae = randomSae(model.dModel);
  });
  afterAll(() => rmSync(tiny.dir, { recursive: true, force: true }));

  async function expectedPerToken(ids: number[]) {
    const out: { index: number; value: number }[][] = [];
    for (const window of tokenWindows(ids.length, model.contextLength)) {
      const { activations } = await model.run({ inputIds: [ids.slice(window.start, window.start + window.length)], hooks: [HOOK] });
      for (let p = window.keepFrom; p < window.keepTo; p++) {
        const row = p - window.start;
        out[p] = directCodes(sae, activations[HOOK]!.subarray(row * model.dModel, (row + 1) * model.dModel));
      }
    }
    return out;
  }

  function expectCodes(actual: { index: number; value: number }[], expected: { index: number; value: number }[]) {
    expect(actual.map((code) => code.index)).toEqual(expected.map((code) => code.index));
    actual.forEach((code, i) => expect(code.value).toBeCloseTo(expected[i]!.value, 4));
  }

  it('gives each token the SAE codes of its hook activation, and sums them over the text', async () => {
    const text = 'the cat sat';
    const result = await featuresForText(model, sae, text, { topK: K });
    const ids = model.encode(text);
    expect(result.tokens.map((t) => t.tokenId)).toEqual(ids);
    expect(result.tokens.map((t) => t.token).join('')).toBe(text);
    const expected = await expectedPerToken(ids);
    result.tokens.forEach((token, p) => expectCodes(token.features, expected[p]!));
    expect(result).toMatchObject({ windows: { count: 1, size: 16, stride: 8 }, notice: null, densityFilter: null });
    for (const feature of result.features) {
      const values = expected.flatMap((codes) => codes.filter((c) => c.index === feature.index).map((c) => c.value));
      expect(feature.total).toBeCloseTo(values.reduce((a, b) => a + b, 0), 4);
      expect(feature.tokenCount).toBe(values.length);
      expect(feature.maxValue).toBeCloseTo(Math.max(...values), 4);
    }
    expect(result.features.map((f) => f.total)).toEqual([...result.features.map((f) => f.total)].sort((a, b) => b - a));
  });

  it('runs a text longer than the context in overlapping windows and says so', async () => {
    const text = 'the cat sat on the mat and the cat sat again';
    const ids = model.encode(text);
    expect(ids.length).toBeGreaterThan(16);
    const result = await featuresForText(model, sae, text, { topK: K, batchSize: 2 });
    expect(result.windows.count).toBe(tokenWindows(ids.length, 16).length);
    expect(result.windows.count).toBeGreaterThan(1);
    expect(result.notice).toMatch(new RegExp(`${ids.length} tokens, longer than the model's 16-token context, so it ran in ${result.windows.count} overlapping windows`));
    const expected = await expectedPerToken(ids);
    result.tokens.forEach((token, p) => expectCodes(token.features, expected[p]!));
  });

  it('leaves features denser than densityMax out of both lists and counts them', async () => {
    const plain = await featuresForText(model, sae, 'the cat sat', { topK: K });
    const always = plain.features[0]!.index;
    const densities = new Float32Array(WIDTH).fill(0.01);
    densities[always] = 0.6;
    const filtered = await featuresForText(model, sae, 'the cat sat', { topK: K, densities });
    expect(filtered.densityFilter).toEqual({ max: 0.1, excludedFeatures: 1 });
    expect(filtered.features.map((f) => f.index)).not.toContain(always);
    expect(filtered.tokens.flatMap((t) => t.features.map((f) => f.index))).not.toContain(always);
    const loose = await featuresForText(model, sae, 'the cat sat', { topK: 1, densities, densityMax: 0.7 });
    expect(loose.densityFilter).toEqual({ max: 0.7, excludedFeatures: 0 });
    expect(loose.tokens.every((t) => t.features.length <= 1)).toBe(true);
  });

  it('refuses empty, oversized or malformed requests with BAD_USER_INPUT naming the limit', async () => {
    const bad = (text: string, options: object, message: RegExp) =>
      expect(featuresForText(model, sae, text, options)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) });
    await bad('', {}, /text is empty/);
    await bad('a'.repeat(1024 * 1024), {}, new RegExp(`1048576 bytes; the limit is ${TEXT_LIMITS.maxTextBytes} bytes`));
    await bad('the cat', { topK: 0 }, /topK must be an integer from 1 to 64/);
    await bad('the cat', { textFeatures: 1000 }, /textFeatures must be an integer from 1 to 200/);
    await bad('the cat', { densities: new Float32Array(3) }, /densities has 3 values but the SAE has 12 features/);
    const elsewhere = { ...sae, cfg: { ...sae.cfg, hookName: 'blocks.7.hook_resid_post' } };
    await expect(featuresForText(model, elsewhere, 'the cat')).rejects.toThrow(/reads blocks.7.hook_resid_post, which the model .* does not have/);
  });
});
