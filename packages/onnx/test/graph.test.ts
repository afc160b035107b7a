import { describe, expect, it } from 'vitest';
import {
  DataType, createSession, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, ort, parseDevice, runChecked,
} from '../src/index.ts';

function matmulModel(weights: Float32Array, rows: number, cols: number): Uint8Array {
  return encodeModel(
    makeModel({
      name: 'matmul',
      nodes: [makeNode('MatMul', ['x', 'w'], ['y'])],
      inputs: [makeValueInfo('x', DataType.FLOAT, ['batch', rows])],
      outputs: [makeValueInfo('y', DataType.FLOAT, ['batch', cols])],
      initializers: [makeTensor('w', [rows, cols], weights)],
    }),
  );
}

describe('onnx graph building and sessions', () => {
  it('builds a MatMul graph that onnxruntime runs exactly', async () => {
    const w = Float32Array.from({ length: 6 }, (_, i) => i + 1); // [[1,2,3],[4,5,6]]
    const { session, device } = await createSession(matmulModel(w, 2, 3));
    expect(device).toBe('cpu');
    const x = new ort.Tensor('float32', Float32Array.from([1, 0, 2, -1]), [2, 2]);
    const { y } = await runChecked(session, { x });
    expect(Array.from(y!.data as Float32Array)).toEqual([1, 2, 3, -2, -1, 0]);
  });

  it('names missing inputs and the graph inputs when feeds are wrong', async () => {
    const { session } = await createSession(matmulModel(new Float32Array(6), 2, 3));
    const bogus = new ort.Tensor('float32', new Float32Array(2), [1, 2]);
    await expect(runChecked(session, { input: bogus })).rejects.toThrow(/Missing: \[x\].*unknown: \[input\]/);
  });

  it('reports input shapes when a run fails', async () => {
    const { session } = await createSession(matmulModel(new Float32Array(6), 2, 3));
    const wrong = new ort.Tensor('float32', new Float32Array(3), [1, 3]);
    await expect(runChecked(session, { x: wrong })).rejects.toThrow(/x: float32\[1, 3\]/);
  });

  it('rejects unknown devices with the supported list', () => {
    expect(() => parseDevice('tpu')).toThrow(/cpu, webgpu, cuda/);
  });

  it('falls back to CPU with a message when a GPU provider is unavailable', async () => {
    const messages: string[] = [];
    const { device } = await createSession(matmulModel(new Float32Array(6), 2, 3), {
      device: 'cuda',
      onFallback: (line) => messages.push(line),
    });
    expect(device).toBe('cpu');
    expect(messages[0]).toMatch(/cuda.*CPU/);
  });
});
