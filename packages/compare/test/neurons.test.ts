import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '@atlas/onnx';
import { demoModelDir } from '@atlas/demo-model';
import { compareDecoders, figure, neuronDictionary } from '../src/index.ts';

const onnxPath = path.join(demoModelDir, 'onnx/model.onnx');

describe('the MLP neurons as a basis', () => {
  it('reads each neuron\'s output direction (a column of c_proj) on hook_mlp_out', () => {
    const neurons = neuronDictionary(onnxPath, 2, 256, 'demo-lm');
    expect(neurons).toMatchObject({ width: 1024, dIn: 256, hookName: 'blocks.2.hook_mlp_out' });
    const tensor = decodeModel(readFileSync(onnxPath)).graph!.initializer!.find((t) => t.name === 'blocks.2.mlp.c_proj.weight')!;
    const raw = tensor.rawData!;
    const weight = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer);
    // Neuron 7, dimension 5 = weight[5, 7] of the [256, 1024] projection.
    expect(neurons.W_dec[7 * 256 + 5]).toBe(weight[5 * 1024 + 7]);
  });

  it('matches itself fully, and is refused against an SAE on another hook', async () => {
    const neurons = neuronDictionary(onnxPath, 2, 256, 'demo-lm');
    const { summary } = await compareDecoders(neurons, neurons, { nullDraws: 20, rotationNullDraws: 0 });
    expect(figure(summary, 'mutualShare').value).toBe(1);
    const resid = { ...neurons, id: 'resid', hookName: 'blocks.2.hook_resid_post' };
    await expect(compareDecoders(resid, neurons)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(() => neuronDictionary(onnxPath, 9, 256, 'demo-lm')).toThrow(/no MLP output projection for layer 9/);
  });
});
