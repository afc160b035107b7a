import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeModel } from '@atlas/onnx';
import { describe, expect, it } from 'vitest';
import { loadLanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { consumer, floatAttribute, readFloatTensor } from './support/initializers.ts';
import { layerNorm, unembed } from './support/reference.ts';

const demoDir = fileURLToPath(new URL('../../demo-model/', import.meta.url));
const hasDemo = existsSync(`${demoDir}onnx/model.onnx`);

describe('the demo model (packages/demo-model)', () => {
  it.runIf(hasDemo)('last resid_post → ln_f → tied embedding reproduces its logits', async () => {
    const model = await loadLanguageModel(demoDir, { threads: 1 });
    const text = 'The President of the United States shall, from time to time, give to the Congress information.';
    const ids = model.encode(text).slice(0, 24);
    const last = `blocks.${model.layerCount - 1}.hook_resid_post`;
    const { activations, logits } = await model.run({ inputIds: [ids], hooks: [last], logits: true });

    const graph = decodeModel(readFileSync(model.onnxPath)).graph!;
    const residTensor = model.hookPoints.find((hook) => hook.name === last)!.tensor;
    const lnF = consumer(graph, residTensor, 'LayerNormalization');
    const embedding = readFloatTensor(graph, consumer(graph, 'input_ids', 'Gather').input![0]!);
    const ln = { scale: readFloatTensor(graph, lnF.input![1]!), bias: readFloatTensor(graph, lnF.input![2]!) };
    expect(embedding.length).toBe(model.vocabSize * model.dModel);
    const recomputed = unembed(layerNorm(activations[last]!, model.dModel, ln, floatAttribute(lnF, 'epsilon', 1e-5)), embedding, model.dModel);
    expect(maxAbsDiff(recomputed, logits!)).toBeLessThan(1e-3);
    await model.dispose();
  });

  it.runIf(hasDemo)('tokenizer round-trips text and shows one string per token', async () => {
    const model = await loadLanguageModel(demoDir);
    const text = 'Call me Ishmael. Some years ago—never mind how long precisely—having little money, naïve 🐋';
    const ids = model.encode(text);
    expect(model.tokenizer.decode(ids)).toBe(text);
    const ascii = 'Call me Ishmael. Some years ago, never mind how long precisely.';
    const pieces = model.decodeTokens(model.encode(ascii));
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(ascii);
    expect(pieces).toContain(' me');
    expect(model.eosTokenId).toBe(model.vocabSize - 1);
    expect(model.hookNames).toContain('blocks.0.hook_resid_post');
  });
});
