import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataType, createSession, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, ort, runChecked } from '../src/index.ts';

const doubler = encodeModel(
  makeModel({
    name: 'double',
    nodes: [makeNode('Mul', ['x', 'two'], ['y'])],
    inputs: [makeValueInfo('x', DataType.FLOAT, ['n'])],
    outputs: [makeValueInfo('y', DataType.FLOAT, ['n'])],
    initializers: [makeTensor('two', [], Float32Array.of(2))],
  }),
);

afterEach(() => {
  vi.restoreAllMocks();
});

// Real onnxruntime, no stubs: on a machine with a working GPU provider the session runs there and
// nothing is said; everywhere else (this project's CI: no GPU) it must fall back with one clear line.
describe('createSession device fallback', () => {
  // First in the file: the process has not met an unavailable cuda yet.
  it('warns on stderr once per unavailable device, however many sessions ask for it', async () => {
    const warn = vi.spyOn(console, 'warn');
    const first = await createSession(doubler, { device: 'cuda' });
    if (first.device === 'cuda') return; // a CUDA machine: nothing to fall back from
    await createSession(doubler, { device: 'cuda' });
    await createSession(doubler, { device: 'cuda' });
    const cudaWarnings = warn.mock.calls.filter(([line]) => String(line).startsWith('cuda: '));
    expect(cudaWarnings).toHaveLength(1);
    expect(cudaWarnings.every(([line]) => /running on CPU\.$/.test(String(line)))).toBe(true);
  });

  for (const device of ['webgpu', 'cuda'] as const) {
    it(`${device}: runs on the device, or falls back to CPU saying which provider and why`, async () => {
      const messages: string[] = [];
      const created = await createSession(doubler, { device, onFallback: (line) => messages.push(line) });
      const { y } = await runChecked(created.session, { x: new ort.Tensor('float32', Float32Array.of(1, 2.5), [2]) });
      expect(Array.from(y!.data as Float32Array)).toEqual([2, 5]);
      if (created.device === device) {
        expect(messages).toEqual([]);
      } else {
        expect(created.device).toBe('cpu');
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatch(new RegExp(`^${device}: .+; running on CPU\\.$`));
        expect(messages[0]).not.toContain('\n');
        expect(messages[0]).toMatch(device === 'webgpu' ? /WebGPU adapter|Vulkan|webgpu/i : /CUDA/);
      }
    });
  }

});
