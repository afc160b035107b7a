/**
 * Exports the hook finder was not written against: GPT-2-, GPT-NeoX-, LLaMA- and Gemma-style
 * graphs and onnxruntime-fused GPT-2 graphs, under several naming schemes (none meaningful
 * included). Each must offer exactly the hooks its blocks have, each equal to a plain-TypeScript
 * forward pass to 1e-4 (what `atlas extract` writes comes from the same `run`), and splicing an
 * activation back unchanged must leave the logits as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOK_KINDS, loadLanguageModel, type HookKind, type LanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { llamaReference } from './support/llama-reference.ts';
import { neoxReference } from './support/neox-reference.ts';
import { referenceForward, type ReferenceOutputs } from './support/reference.ts';
import type { NamingScheme } from './support/rename-graph.ts';
import { disposeAndRemove } from './support/suite-model.ts';
import { writeFusedLlama } from './support/fuse-llama-norms.ts';
import { writeFusedGpt } from './support/tiny-gpt-fused.ts';
import { writeTinyGpt } from './support/tiny-gpt.ts';
import { writeTinyLlama } from './support/tiny-llama.ts';
import { writeTinyNeox, type NeoxResidual } from './support/tiny-neox.ts';

const ids = [
  [5, 17, 260, 99, 3, 42, 7, 256],
  [100, 101, 102, 103, 104, 105, 106, 107],
];
const mask = [
  [1, 1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1, 0, 0, 0],
];
const REFERENCE_KEY = {
  hook_resid_pre: 'residPre', 'attn.hook_z': 'z', hook_attn_out: 'attnOut', hook_resid_mid: 'residMid', hook_mlp_out: 'mlpOut', hook_resid_post: 'residPost',
} as const;
type Reference = Pick<ReferenceOutputs, (typeof REFERENCE_KEY)[HookKind] | 'logits'>;

interface TestExport {
  label: string;
  write: () => { dir: string; reference: Reference };
  /** Hook kinds a block lacks (by layer; the tiny models have two blocks). */
  absent?: (layer: number) => HookKind[];
}

const opt: NamingScheme = [['/blocks.', '/model/decoder/layers.'], ['/attn/', '/self_attn/'], ['/mlp/', '/fc/'], ['blocks.', 'model.decoder.layers.']];
const ownNames: NamingScheme = [['/model/layers.', '/decoder/block_'], ['/self_attn/', '/mixer/'], ['/mlp/', '/ffn/'], ['/model/', '/net/'], ['model.layers.', 'decoder.block_']];
const gpt = (options: Parameters<typeof writeTinyGpt>[0]) => () => {
  const tiny = writeTinyGpt({ layerCount: 2, ...options });
  return { dir: tiny.dir, reference: referenceForward(tiny.weights, ids, { mask }) };
};
const neox = (residual: NeoxResidual, rename?: NamingScheme) => () => {
  const tiny = writeTinyNeox({ residual, rename });
  return { dir: tiny.dir, reference: neoxReference(tiny.weights, ids, { mask }) };
};
const llama = (options: Parameters<typeof writeTinyLlama>[0]) => () => {
  const tiny = writeTinyLlama(options);
  return { dir: tiny.dir, reference: llamaReference(tiny.weights, ids, { mask }) };
};
const fused = (fuseBias: boolean, rename?: NamingScheme) => () => {
  const tiny = writeFusedGpt({ layerCount: 2, fuseBias, rename });
  return { dir: tiny.dir, reference: referenceForward(tiny.weights, ids, { mask }) };
};
const parallel = () => ['hook_resid_mid'] as HookKind[];
const lastSumFused = (layer: number): HookKind[] => (layer === 1 ? ['hook_resid_post'] : []);

const EXPORTS: TestExport[] = [
  { label: 'GPT-2, torch export names', write: gpt({}) },
  { label: 'GPT-2, Optimum names', write: gpt({ naming: 'hf-gpt2' }) },
  { label: 'GPT-2, OPT-style /model/decoder/layers.N/ names', write: gpt({ rename: opt }) },
  { label: 'GPT-2, opaque names', write: gpt({ rename: 'opaque' }) },
  { label: 'GPT-NeoX parallel (mlp + attn) + x, HF names', write: neox('parallel'), absent: parallel },
  { label: 'GPT-NeoX parallel, unnamed nodes', write: neox('parallel', 'unnamed'), absent: parallel },
  { label: 'parallel (x + attn) + mlp, opaque names', write: neox('parallel-residual-first', 'opaque'), absent: parallel },
  { label: 'GPT-NeoX sequential, opaque names', write: neox('sequential', 'opaque') },
  { label: 'LLaMA, Optimum names', write: llama({}) },
  { label: 'LLaMA, its own module names', write: llama({ rename: ownNames }) },
  { label: 'LLaMA fp32 with KV cache, opaque names', write: llama({ rename: 'opaque' }) },
  { label: 'Gemma-2-style sandwich norms, HF names', write: llama({ gemma: true }) },
  { label: 'Gemma-2-style sandwich norms, unnamed nodes', write: llama({ gemma: true, rename: 'unnamed' }) },
  {
    label: 'GPT-2 fused by onnxruntime (Attention, SkipLayerNormalization with bias)',
    write: fused(true),
    absent: (layer) => ['hook_attn_out', 'hook_mlp_out', ...lastSumFused(layer)],
  },
  { label: 'GPT-2 fused by onnxruntime, biases apart, opaque names', write: fused(false, 'opaque'), absent: lastSumFused },
  {
    label: 'LLaMA with norms fused by onnxruntime (SkipSimplifiedLayerNormalization), opaque names',
    write: () => {
      const tiny = writeFusedLlama({ rename: 'opaque' });
      return { dir: tiny.dir, reference: llamaReference(tiny.weights, ids, { mask }) };
    },
    absent: lastSumFused,
  },
];

describe.each(EXPORTS)('$label', ({ write, absent = () => [] }) => {
  const { dir, reference } = write();
  let model: LanguageModel;
  beforeAll(async () => { model = await loadLanguageModel(dir, { threads: 1 }); });
  afterAll(() => disposeAndRemove(model, dir));

  it('lists every hook kind its blocks have, and says why the others are absent', () => {
    expect(model.layerCount).toBe(2);
    for (const layer of [0, 1]) {
      const missing = absent(layer);
      expect(model.hookNames.filter((name) => name.startsWith(`blocks.${layer}.`)), `block ${layer}`).toEqual(
        HOOK_KINDS.filter((kind) => !missing.includes(kind)).map((kind) => `blocks.${layer}.${kind}`),
      );
      const reasons = model.absentHooks.filter((hook) => hook.layer === layer);
      expect(reasons.map((hook) => hook.kind).sort()).toEqual([...missing].sort());
      for (const hook of reasons) expect(hook.reason.length, hook.name).toBeGreaterThan(40);
    }
  });

  it('every hook and the logits equal the direct computation to 1e-4 (padded batch)', async () => {
    const { activations, logits } = await model.run({ inputIds: ids, attentionMask: mask.flat(), hooks: model.hookNames, logits: true });
    for (const point of model.hookPoints) {
      const expected = reference[REFERENCE_KEY[point.kind]][point.layer]!;
      expect(activations[point.name]!.length, point.name).toBe(expected.length);
      expect(maxAbsDiff(activations[point.name]!, expected), point.name).toBeLessThan(1e-4);
    }
    expect(maxAbsDiff(logits!, reference.logits)).toBeLessThan(1e-4);
  });

  it('splicing each activation back unchanged leaves the logits as they were', async () => {
    const { logits: plain } = await model.run({ inputIds: ids, hooks: [], logits: true });
    for (const hook of model.hookNames) {
      const { logits } = await model.runSpliced({ inputIds: ids, hook, replace: (a) => a, logits: true });
      expect(maxAbsDiff(logits, plain!), hook).toBeLessThan(1e-5);
    }
  });

  it('names the reason when an absent hook is asked for', async () => {
    const hook = model.absentHooks[0];
    if (!hook) return;
    await expect(model.run({ inputIds: ids, hooks: [hook.name] })).rejects.toThrow(`${hook.name} does not exist in this model: ${hook.reason}.`);
  });
});

interface FusedPair {
  label: string;
  fused: () => { dir: string };
  /** The same weights, unfused. */
  plain: () => { dir: string };
  width: number;
}

const FUSED_PAIRS: FusedPair[] = [
  { label: 'GPT-2 (SkipLayerNormalization)', fused: () => writeFusedGpt({ layerCount: 2, fuseBias: false }), plain: () => writeTinyGpt({ layerCount: 2, naming: 'hf-gpt2' }), width: 8 },
  { label: 'LLaMA with a KV cache (SkipSimplifiedLayerNormalization)', fused: () => writeFusedLlama(), plain: () => writeTinyLlama({}), width: 16 },
];

describe.each(FUSED_PAIRS)('onnxruntime-fused $label: edits at a fused sum reach the norm inside the kernel', ({ fused, plain, width }) => {
  const fusedDir = fused().dir;
  const plainDir = plain().dir;
  let fusedModel: LanguageModel;
  let plainModel: LanguageModel;
  beforeAll(async () => {
    fusedModel = await loadLanguageModel(fusedDir, { threads: 1 });
    plainModel = await loadLanguageModel(plainDir, { threads: 1 });
  });
  afterAll(async () => {
    await disposeAndRemove(fusedModel, fusedDir);
    await disposeAndRemove(plainModel, plainDir);
  });

  it('splicing an edited resid_mid / resid_post gives the logits of the unfused graph', async () => {
    const edit = (a: Float32Array) => a.map((value, i) => value + ((i % width) - width / 2) * 0.3);
    const { logits: unedited } = await plainModel.run({ inputIds: ids, hooks: [], logits: true });
    for (const hook of ['blocks.0.hook_resid_mid', 'blocks.0.hook_resid_post', 'blocks.1.hook_resid_mid']) {
      const fusedRun = await fusedModel.runSpliced({ inputIds: ids, hook, replace: edit, logits: true });
      const plainRun = await plainModel.runSpliced({ inputIds: ids, hook, replace: edit, logits: true });
      expect(maxAbsDiff(plainRun.logits, unedited!), hook).toBeGreaterThan(1e-1);
      expect(maxAbsDiff(fusedRun.logits, plainRun.logits), hook).toBeLessThan(1e-4);
    }
  });

  it('steering at a fused sum samples the same continuation as the unfused graph', async () => {
    // Sampling (seeded) turns small logit differences into different tokens, so a missed edit shows.
    const direction = Float32Array.from({ length: width }, (_, i) => (i % 3) - 1);
    const options = { maxNewTokens: 8, temperature: 1, seed: 3 };
    const baseline = await plainModel.generate('the cat sat', options);
    for (const hook of ['blocks.0.hook_resid_mid', 'blocks.0.hook_resid_post']) {
      const steering = [{ hook, direction, strength: 0.5 }];
      const plainText = await plainModel.generate('the cat sat', { ...options, steering });
      expect(plainText.tokenIds, hook).not.toEqual(baseline.tokenIds);
      expect((await fusedModel.generate('the cat sat', { ...options, steering })).tokenIds, hook).toEqual(plainText.tokenIds);
    }
  });
});
