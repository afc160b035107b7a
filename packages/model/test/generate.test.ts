import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguageModel, type LanguageModel } from '../src/index.ts';
import { writeTinyGpt } from './support/tiny-gpt.ts';
import { writeTinyLlama } from './support/tiny-llama.ts';
import { disposeAndRemove } from './support/suite-model.ts';

const direction = (width: number) => Float32Array.from({ length: width }, (_, i) => (i % 3) - 1);

describe('generate on a tiny GPT (no KV cache: one forward per token)', () => {
  const tiny = writeTinyGpt({ layerCount: 2, contextLength: 32 });
  let model: LanguageModel;
  beforeAll(async () => { model = await loadLanguageModel(tiny.dir, { threads: 1 }); });
  afterAll(() => disposeAndRemove(model, tiny.dir));

  it('greedy: steering with α = 0 equals the baseline exactly; a large α changes the continuation', async () => {
    const options = { maxNewTokens: 12, stopAtEos: false };
    const baseline = await model.generate('the cat sat', options);
    expect(baseline.tokenIds).toHaveLength(12);
    expect(baseline.promptTokenIds).toEqual(model.encode('the cat sat'));
    expect(baseline.promptTruncated).toBe(false);
    expect(baseline.tokens).toEqual(model.decodeTokens(baseline.tokenIds));
    expect(baseline.text).toBe(model.decode(baseline.tokenIds));
    const hook = 'blocks.0.hook_resid_post';
    const still = await model.generate('the cat sat', { ...options, steering: [{ hook, direction: direction(8), strength: 0 }] });
    expect(still.tokenIds).toEqual(baseline.tokenIds);
    const steered = await model.generate('the cat sat', { ...options, steering: [{ hook, direction: direction(8), strength: 40 }] });
    expect(steered.tokenIds).not.toEqual(baseline.tokenIds);
  });

  it('temperature sampling with a fixed seed is reproducible', async () => {
    const options = { maxNewTokens: 10, temperature: 1.5, stopAtEos: false };
    const a = await model.generate('the cat', { ...options, seed: 7 });
    const b = await model.generate('the cat', { ...options, seed: 7 });
    expect(b.tokenIds).toEqual(a.tokenIds);
    const others = await Promise.all([1, 2, 3].map((seed) => model.generate('the cat', { ...options, seed })));
    expect(others.some((other) => other.tokenIds.join() !== a.tokenIds.join())).toBe(true);
  });

  it('cuts a prompt longer than contextLength − maxNewTokens from the left and says so', async () => {
    const prompt = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const result = await model.generate(prompt, { maxNewTokens: 8, stopAtEos: false });
    expect(result.promptTruncated).toBe(true);
    expect(result.promptTokenIds).toEqual(model.encode(prompt).slice(-24));
    expect(result.notice).toMatch(/prompt is 36 tokens; kept its last 24 .* context length of 32/);
    expect(result.tokenIds).toHaveLength(8);
  });

  it('starts an empty prompt from the end-of-text token', async () => {
    const result = await model.generate('', { maxNewTokens: 3, stopAtEos: false });
    expect(result.promptTokenIds).toEqual([tiny.eosTokenId]);
    expect(result.tokenIds).toHaveLength(3);
  });

  it('rejects an unknown hook (listing valid ones), a direction of the wrong width, and bad options', async () => {
    await expect(model.generate('x', { maxNewTokens: 2, steering: [{ hook: 'blocks.9.hook_resid_post', direction: direction(8), strength: 1 }] }))
      .rejects.toThrow(/Unknown steering hook blocks\.9\.hook_resid_post\. Valid hooks: blocks\.0\.hook_resid_pre/);
    await expect(model.generate('x', { maxNewTokens: 2, steering: [{ hook: 'blocks.0.hook_resid_post', direction: direction(5), strength: 1 }] }))
      .rejects.toThrow(/Float32Array of 8 floats, got 5/);
    await expect(model.generate('x', { maxNewTokens: 32 })).rejects.toThrow(/maxNewTokens must be an integer from 1 to 31/);
    await expect(model.generate('x', { maxNewTokens: 2, temperature: -1 })).rejects.toThrow(/temperature/);
  });
});

describe('generate on a tiny LLaMA with a KV cache', () => {
  const tiny = writeTinyLlama({ layerCount: 2 });
  let model: LanguageModel;
  beforeAll(async () => { model = await loadLanguageModel(tiny.dir, { threads: 1 }); });
  afterAll(() => disposeAndRemove(model, tiny.dir));

  it('the KV-cache continuation equals the full re-forward one token for token (greedy, fp32), steered too', async () => {
    expect(model.hasKvCache).toBe(true);
    const options = { maxNewTokens: 20, stopAtEos: false };
    const cached = await model.generate('the cat sat on', options);
    const full = await model.generate('the cat sat on', { ...options, useCache: false });
    expect(cached.tokenIds).toEqual(full.tokenIds);
    const steering = [{ hook: 'blocks.1.attn.hook_z', direction: direction(16), strength: 3 }];
    const steeredCached = await model.generate('the cat sat on', { ...options, steering });
    const steeredFull = await model.generate('the cat sat on', { ...options, steering, useCache: false });
    expect(steeredCached.tokenIds).toEqual(steeredFull.tokenIds);
    expect(steeredCached.tokenIds).not.toEqual(cached.tokenIds);
  });

  it('α = 0 equals the baseline; seeded sampling with the cache is reproducible', async () => {
    const options = { maxNewTokens: 12, stopAtEos: false };
    const baseline = await model.generate('the', options);
    const still = await model.generate('the', { ...options, steering: [{ hook: 'blocks.0.hook_mlp_out', direction: direction(16), strength: 0 }] });
    expect(still.tokenIds).toEqual(baseline.tokenIds);
    const sampled = { ...options, temperature: 1, seed: 11 };
    expect((await model.generate('the', sampled)).tokenIds).toEqual((await model.generate('the', sampled)).tokenIds);
    expect((await model.generate('the', sampled)).tokenIds).toEqual((await model.generate('the', { ...sampled, useCache: false })).tokenIds);
  });
});

describe('generate on an fp16 tiny LLaMA (onnx/decoder_model.onnx, external data)', () => {
  it('steers through an fp16 graph (the float delta is cast to fp16) and α = 0 equals the baseline', async () => {
    const tiny = writeTinyLlama({ dtype: 'float16', externalData: true, onnxFile: 'decoder_model.onnx' });
    const model = await loadLanguageModel(tiny.dir, { threads: 1 });
    const options = { maxNewTokens: 10, stopAtEos: false };
    const baseline = await model.generate('the cat', options);
    const hook = 'blocks.0.hook_resid_post';
    const still = await model.generate('the cat', { ...options, steering: [{ hook, direction: direction(16), strength: 0 }] });
    expect(still.tokenIds).toEqual(baseline.tokenIds);
    const steered = await model.generate('the cat', { ...options, steering: [{ hook, direction: direction(16), strength: 30 }] });
    expect(steered.tokenIds).not.toEqual(baseline.tokenIds);
    await model.dispose();
    rmSync(tiny.dir, { recursive: true, force: true });
  });
});

const demoDir = fileURLToPath(new URL('../../demo-model/', import.meta.url));

describe('generate on the demo LM (packages/demo-model)', () => {
  it.runIf(existsSync(`${demoDir}onnx/model.onnx`))('is greedy-deterministic; α = 0 equals the baseline; a large α changes it; a steered hook_z works', async () => {
    const model = await loadLanguageModel(demoDir, { threads: 1 });
    const options = { maxNewTokens: 8, stopAtEos: false };
    const prompt = 'The President of the United States';
    const baseline = await model.generate(prompt, options);
    expect((await model.generate(prompt, options)).tokenIds).toEqual(baseline.tokenIds);
    const hook = 'blocks.2.hook_resid_post';
    const unit = direction(model.dModel).map((value) => value / Math.sqrt(model.dModel));
    expect((await model.generate(prompt, { ...options, steering: [{ hook, direction: unit, strength: 0 }] })).tokenIds).toEqual(baseline.tokenIds);
    const steered = await model.generate(prompt, { ...options, steering: [{ hook, direction: unit, strength: 60 }] });
    expect(steered.tokenIds).not.toEqual(baseline.tokenIds);
    const z = await model.generate(prompt, { ...options, steering: [{ hook: 'blocks.1.attn.hook_z', direction: unit, strength: 20 }] });
    expect(z.tokenIds).toHaveLength(8);
    await model.dispose();
  });
});
