import { DataType } from '@atlas/onnx';
import { describe, expect, it } from 'vitest';
import { addInputsAt } from '../src/index.ts';
import { buildTinyLlamaGraph, makeTinyLlamaWeights } from './support/tiny-llama.ts';

describe('addInputsAt', () => {
  it('makes every reader of a hook tensor read tensor + input, keeps outputs and the node order topological', () => {
    const model = buildTinyLlamaGraph(makeTinyLlamaWeights(40));
    const tensor = '/model/layers.0/Add_output_0';
    const edited = addInputsAt(model, [{ tensor, as: 'delta', width: 16 }]).graph!;
    expect(edited.input!.map((input) => input.name)).toContain('delta');
    expect(edited.output!.map((output) => output.name)).toEqual(model.graph!.output!.map((output) => output.name));
    const readers = edited.node!.filter((node) => node.input!.includes(tensor));
    expect(readers.map((node) => node.name)).toEqual(['/atlas/add/delta/Add']);
    const names = edited.node!.map((node) => node.name);
    expect(names.indexOf('/atlas/add/delta/Add')).toBe(names.indexOf('/model/layers.0/Add') + 1);
    expect(edited.node!.find((node) => node.name === '/model/layers.0/Add_1')!.input).toContain('delta/sum');
    expect(model.graph!.input!.some((input) => input.name === 'delta')).toBe(false); // the original is untouched
  });

  it('casts the float input to fp16 where the hook tensor is fp16 (inferred: the graph declares no value_info)', () => {
    const model = buildTinyLlamaGraph(makeTinyLlamaWeights(40, { dtype: 'float16' }), { dtype: 'float16' });
    const edited = addInputsAt(model, [{ tensor: '/model/layers.1/self_attn/Reshape_3_output_0', as: 'z', width: 16 }]).graph!;
    const cast = edited.node!.find((node) => node.name === '/atlas/add/z/Cast')!;
    expect(cast.attribute![0]!.i).toBe(DataType.FLOAT16);
    expect(edited.input!.find((input) => input.name === 'z')!.type!.tensorType!.elemType).toBe(DataType.FLOAT);
  });
});
