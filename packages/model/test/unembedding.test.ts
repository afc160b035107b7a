import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeModel, makeTensor, makeValueInfo, DataType } from '@atlas/onnx';
import { findUnembedding, loadLanguageModel, readUnembedding } from '../src/index.ts';
import { writeTinyGpt } from '@atlas/model/testing';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('readUnembedding', () => {
  it('reads the tied wte.weight of a GPT-2 style graph as [vocab, dModel]', async () => {
    for (const naming of ['blocks', 'hf-gpt2'] as const) {
      const tiny = writeTinyGpt({ naming });
      made.push(tiny.dir);
      const model = await loadLanguageModel(tiny.dir);
      const unembedding = readUnembedding(model);
      expect(unembedding.name).toBe(naming === 'hf-gpt2' ? 'transformer.wte.weight' : 'wte.weight');
      expect([unembedding.vocabSize, unembedding.dModel]).toEqual([model.vocabSize, model.dModel]);
      expect(unembedding.weight).toEqual(tiny.weights.wte);
    }
  });

  it('prefers an lm_head and transposes a [dModel, vocab] one', () => {
    const head = Float32Array.from([1, 2, 3, 4, 5, 6]); // [dModel 2, vocab 3]
    const graph = makeModel({
      name: 'heads',
      nodes: [],
      inputs: [makeValueInfo('x', DataType.FLOAT, [1])],
      outputs: [makeValueInfo('x', DataType.FLOAT, [1])],
      initializers: [makeTensor('wte.weight', [3, 2], new Float32Array(6)), makeTensor('lm_head.weight', [2, 3], head)],
    });
    const found = findUnembedding(graph, 2, 3);
    expect(found.name).toBe('lm_head.weight');
    expect([...found.weight]).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('says clearly when the graph has no unembedding', () => {
    const graph = makeModel({
      name: 'none',
      nodes: [],
      inputs: [makeValueInfo('x', DataType.FLOAT, [1])],
      outputs: [makeValueInfo('x', DataType.FLOAT, [1])],
      initializers: [makeTensor('blocks.0.mlp.weight', [4, 4], new Float32Array(16))],
    });
    expect(() => findUnembedding(graph, 4, 10, 'model.onnx')).toThrow(
      /model\.onnx has no unembedding initializer of shape \[10, 4\].*blocks\.0\.mlp\.weight \[4, 4\]/,
    );
  });
});
