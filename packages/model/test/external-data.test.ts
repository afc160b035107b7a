import { rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel, onnx } from '@atlas/onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternalData, readGraphFile } from '../src/external-data.ts';
import { addInputsAt, exposeOutputs, loadLanguageModel, readUnembedding, spliceInput, type LanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { llamaReference } from './support/llama-reference.ts';
import { writeTinyLlama, type TinyLlama } from './support/tiny-llama.ts';

const ids = [[5, 17, 260, 99, 3, 42, 7, 256]];
const EXTERNAL = onnx.TensorProto.DataLocation.EXTERNAL;

/** name → external-data entries of every initializer kept in a data file. */
function externalEntries(model: onnx.IModelProto): Map<string, string> {
  const entries = new Map<string, string>();
  for (const tensor of model.graph?.initializer ?? []) {
    if (tensor.dataLocation !== EXTERNAL) continue;
    entries.set(tensor.name ?? '', JSON.stringify((tensor.externalData ?? []).map(({ key, value }) => [key, value])));
  }
  return entries;
}

describe('external-data weights stay in their file', () => {
  let tiny: TinyLlama;
  let model: LanguageModel;
  beforeAll(async () => {
    tiny = writeTinyLlama({ externalData: true, dModel: 64, dMlp: 256 });
    model = await loadLanguageModel(tiny.dir, { threads: 1 });
  });
  afterAll(async () => {
    await model.dispose();
    rmSync(tiny.dir, { recursive: true, force: true });
  });

  it('hook, splice and steering graphs keep every external initializer as the same reference; none is inlined', () => {
    const graph = readGraphFile(tiny.onnxPath);
    const original = externalEntries(graph);
    const dataBytes = statSync(`${tiny.onnxPath}_data`).size;
    expect(checkExternalData(graph, join(tiny.dir, 'onnx'))).toBeGreaterThan(0.9 * dataBytes);
    const points = model.hookPoints;
    const variants = [
      exposeOutputs(graph, points.map((p) => ({ tensor: p.tensor, as: p.name, width: p.width })), ['logits']),
      exposeOutputs(graph, [{ tensor: points[0]!.tensor, as: points[0]!.name, width: points[0]!.width }], []),
      ...points.map((p) => spliceInput(graph, { tensor: p.tensor, as: 'atlas_splice_activation', width: p.width }, ['logits'])),
      addInputsAt(graph, points.map((p) => ({ tensor: p.tensor, as: `atlas_steer/${p.name}`, width: p.width }))),
    ];
    const graphBytes = statSync(tiny.onnxPath).size;
    for (const variant of variants) {
      for (const [name, entries] of externalEntries(variant)) expect(entries, name).toBe(original.get(name));
      const inlined = (variant.graph?.initializer ?? []).filter((t) => t.dataLocation !== EXTERNAL && original.has(t.name ?? ''));
      expect(inlined.map((t) => t.name)).toEqual([]);
      // The serialized copy handed to onnxruntime is the graph alone, never the 600 kB of weights.
      expect(encodeModel(variant).length).toBeLessThan(graphBytes + 4096);
    }
    expect(graphBytes).toBeLessThan(dataBytes / 10);
  });

  it('sessions read the weights from the data file: hooks and logits match the reference; zeroed data gives zero logits', async () => {
    const expected = llamaReference(tiny.weights, ids);
    const { activations, logits } = await model.run({ inputIds: ids, hooks: ['blocks.1.hook_resid_post'], logits: true });
    expect(maxAbsDiff(activations['blocks.1.hook_resid_post']!, expected.residPost[1]!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(logits!, expected.logits)).toBeLessThan(1e-4);
    const { logits: spliced } = await model.runSpliced({ inputIds: ids, hook: 'blocks.0.hook_mlp_out', replace: (a) => a, logits: true });
    expect(maxAbsDiff(spliced, logits!)).toBeLessThan(1e-5);

    // A second model whose data file is zeroed after loading: had the weights been copied into
    // the graph at load, its first session would still compute the original logits.
    const copy = writeTinyLlama({ externalData: true, dModel: 64, dMlp: 256 });
    const zeroed = await loadLanguageModel(copy.dir, { threads: 1 });
    const dataPath = `${copy.onnxPath}_data`;
    writeFileSync(dataPath, new Uint8Array(statSync(dataPath).size));
    const { logits: fromZeros } = await zeroed.run({ inputIds: ids, hooks: [], logits: true });
    expect(fromZeros!.every((value) => value === 0)).toBe(true);
    await zeroed.dispose();
    rmSync(copy.dir, { recursive: true, force: true });
  });

  it('readUnembedding reads only the lm_head bytes, by offset and length', () => {
    const unembedding = readUnembedding(model);
    expect(unembedding.name).toBe('lm_head.weight');
    expect(unembedding.weight.length).toBe(model.vocabSize * 64);
    expect(unembedding.weight[5 * 64 + 7]).toBe(tiny.weights.lmHead[7 * model.vocabSize + 5]);
  });
});

describe('external-data errors', () => {
  it('names a truncated data file, the byte range and the size', async () => {
    const tiny = writeTinyLlama({ externalData: true });
    truncateSync(`${tiny.onnxPath}_data`, 1000);
    await expect(loadLanguageModel(tiny.dir)).rejects.toThrow(/reads bytes \d+–\d+ of model\.onnx_data, which has only 1000/);
    rmSync(tiny.dir, { recursive: true, force: true });
  });

  it('names the data file when it disappears between loading and the first session', async () => {
    const tiny = writeTinyLlama({ externalData: true });
    const model = await loadLanguageModel(tiny.dir, { threads: 1 });
    rmSync(`${tiny.onnxPath}_data`);
    await expect(model.run({ inputIds: ids, hooks: [], logits: true })).rejects.toThrow(/keeps weights in model\.onnx_data, but .*onnx\/model\.onnx_data is missing/);
    await model.dispose();
    rmSync(tiny.dir, { recursive: true, force: true });
  });

  it('refuses a location outside the model folder', async () => {
    const tiny = writeTinyLlama({ externalData: true });
    const graph = readGraphFile(tiny.onnxPath);
    const tensor = graph.graph!.initializer!.find((t) => t.dataLocation === EXTERNAL)!;
    tensor.externalData = tensor.externalData!.map((entry) => (entry.key === 'location' ? { key: 'location', value: '../../etc/passwd' } : entry));
    writeFileSync(tiny.onnxPath, encodeModel(graph));
    await expect(loadLanguageModel(tiny.dir)).rejects.toThrow(/points at external data "\.\.\/\.\.\/etc\/passwd", which is not a file inside/);
    rmSync(tiny.dir, { recursive: true, force: true });
  });

  it('a single .onnx file over 2 GB is refused with the fix: save the weights as external data', async () => {
    const tiny = writeTinyLlama({});
    // Sparse: the size is reported, no disk is used.
    truncateSync(tiny.onnxPath, 2 ** 31 + 1);
    await expect(loadLanguageModel(tiny.dir)).rejects.toThrow(/is 2\.0 GB, over protobuf's 2 GB limit for one ONNX file\. Save the weights as external data/);
    rmSync(tiny.dir, { recursive: true, force: true });
  });
});
