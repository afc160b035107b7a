import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguageModel, readUnembedding, type LanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { llamaReference, type LlamaReference } from './support/llama-reference.ts';
import { writeTinyLlama, type TinyLlamaOptions } from './support/tiny-llama.ts';
import { disposeAndRemove } from './support/suite-model.ts';

const ids = [
  [5, 17, 260, 99, 3, 42, 7, 256],
  [100, 101, 102, 103, 104, 105, 106, 107],
];
const mask = [
  [1, 1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1, 0, 0, 0],
];
const KINDS = { 'hook_resid_pre': 'residPre', 'attn.hook_z': 'z', 'hook_attn_out': 'attnOut', 'hook_resid_mid': 'residMid', 'hook_mlp_out': 'mlpOut', 'hook_resid_post': 'residPost' } as const;

/** Loads a tiny LLaMA variant and checks every hook and the logits against the reference within `tolerance`. */
function describeVariant(label: string, options: TinyLlamaOptions, tolerance: number) {
  describe(`tiny LLaMA (${label})`, () => {
    const tiny = writeTinyLlama(options);
    const expected: LlamaReference = llamaReference(tiny.weights, ids, { mask });
    let model: LanguageModel;
    beforeAll(async () => { model = await loadLanguageModel(tiny.dir, { threads: 1 }); });
    afterAll(() => disposeAndRemove(model, tiny.dir));

    it(`finds all six hook kinds per block; every hook and the logits equal the reference within ${tolerance}`, async () => {
      expect(model.hookNames.filter((name) => name.startsWith('blocks.1.'))).toEqual(
        Object.keys(KINDS).map((kind) => `blocks.1.${kind}`),
      );
      expect([model.headCount, model.headDim, model.dModel, model.hasKvCache]).toEqual([4, 4, 16, true]);
      const { activations, logits } = await model.run({ inputIds: ids, attentionMask: mask.flat(), hooks: model.hookNames, logits: true });
      for (const point of model.hookPoints) {
        const reference = expected[KINDS[point.kind]][point.layer]!;
        expect(maxAbsDiff(activations[point.name]!, reference), point.name).toBeLessThan(tolerance);
      }
      expect(maxAbsDiff(logits!, expected.logits)).toBeLessThan(tolerance);
    });

    it('splicing back the exact activation leaves the logits unchanged; zero-ablation changes them', async () => {
      const { logits: plain } = await model.run({ inputIds: ids, hooks: [], logits: true });
      for (const hook of model.hookNames) {
        const { logits } = await model.runSpliced({ inputIds: ids, hook, replace: (a) => a, logits: true });
        // fp16: the hook tensor goes out as float and back as fp16, which is exact.
        expect(maxAbsDiff(logits, plain!), hook).toBeLessThan(1e-5);
        const zero = await model.runSpliced({ inputIds: ids, hook, replace: (a) => a.fill(0), logits: true });
        expect(maxAbsDiff(zero.logits, plain!), hook).toBeGreaterThan(1e-2);
      }
    });
  });
}

describeVariant('fp32', {}, 1e-4);
// fp16 weights and activations: every op rounds to 11 significant bits (relative 5e-4), so hooks
// of size ~1–3 drift from the float64 reference (which uses the same fp16-rounded weights) by up
// to ~1e-3 over two blocks (measured 9e-4); the stated tolerance is 5e-3.
describeVariant('fp16', { dtype: 'float16' }, 5e-3);
describeVariant('fp32, weights in model.onnx_data', { externalData: true }, 1e-4);
describeVariant('fp16, onnx/decoder_model.onnx with external data', { dtype: 'float16', externalData: true, onnxFile: 'decoder_model.onnx' }, 5e-3);

describe('tiny LLaMA loading details', () => {
  it('reads the untied lm_head as the unembedding, from external data and in fp16 too', async () => {
    for (const options of [{}, { externalData: true, dtype: 'float16' as const }]) {
      const tiny = writeTinyLlama(options);
      const model = await loadLanguageModel(tiny.dir, { threads: 1 });
      const unembedding = readUnembedding(model);
      expect(unembedding.name).toBe('lm_head.weight');
      expect(unembedding.weight[3 * 16 + 2]).toBe(tiny.weights.lmHead[2 * unembedding.vocabSize + 3]);
      await model.dispose();
      rmSync(tiny.dir, { recursive: true, force: true });
    }
  });

  it('names a missing external-data file and where it belongs', async () => {
    const tiny = writeTinyLlama({ externalData: true });
    rmSync(`${tiny.onnxPath}_data`);
    await expect(loadLanguageModel(tiny.dir)).rejects.toThrow(/keeps weights in model\.onnx_data, but .*onnx\/model\.onnx_data is missing\. Put the external-data file beside the \.onnx file/);
    rmSync(tiny.dir, { recursive: true, force: true });
  });

});
