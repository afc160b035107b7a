import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.ts';
import { fromFloat32, readSafetensors, toFloat32, writeSafetensors } from '../src/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safetensors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function bytesOf(data: Tensor['data']): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

const tensors: Record<string, Tensor> = {
  weights: { dtype: 'F32', shape: [2, 3], data: Float32Array.from([1.5, -0, NaN, Infinity, 1e-45, -3.25]) },
  half: { dtype: 'F16', shape: [3], data: Uint16Array.from([0x3c00, 0x7e01, 0x0001]) },
  brain: { dtype: 'BF16', shape: [1, 2], data: Uint16Array.from([0x3f80, 0xffc1]) },
  ids: { dtype: 'I32', shape: [4], data: Int32Array.from([0, -1, 2 ** 31 - 1, -(2 ** 31)]) },
  big: { dtype: 'I64', shape: [2], data: BigInt64Array.from([2n ** 62n, -5n]) },
  scalar: { dtype: 'F32', shape: [], data: Float32Array.from([7]) },
  empty: { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) },
};

describe('writeSafetensors / readSafetensors', () => {
  it('round-trips every dtype bit-exactly, with metadata', async () => {
    const path = join(dir, 'a.safetensors');
    await writeSafetensors(path, tensors, { format: 'pt', note: 'hello' });
    const read = await readSafetensors(path);
    expect(read.metadata).toEqual({ format: 'pt', note: 'hello' });
    expect(Object.keys(read.tensors).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, tensor] of Object.entries(tensors)) {
      const got = read.tensors[name]!;
      expect(got.dtype).toBe(tensor.dtype);
      expect(got.shape).toEqual(tensor.shape);
      expect(got.data.constructor).toBe(tensor.data.constructor);
      expect(bytesOf(got.data)).toEqual(bytesOf(tensor.data));
    }
  });

  it('pads the header with spaces to an 8-byte boundary, as the format does', async () => {
    const path = join(dir, 'b.safetensors');
    await writeSafetensors(path, { x: tensors.weights! });
    const bytes = await readFile(path);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = bytes.subarray(8, 8 + headerLength).toString('utf8');
    expect(header.trimEnd()).toBe('{"x":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}');
    expect(/^ *$/.test(header.slice(header.trimEnd().length))).toBe(true);
    expect(bytes.byteLength).toBe(8 + headerLength + 24);
  });

  it('reads bytes in memory and never aliases them', async () => {
    const path = join(dir, 'c.safetensors');
    await writeSafetensors(path, { x: tensors.weights! });
    const bytes = new Uint8Array(await readFile(path));
    const { tensors: read } = await readSafetensors(bytes);
    bytes.fill(0);
    expect((read.x!.data as Float32Array)[0]).toBe(1.5);
  });

  it('writes atomically: no temporary file remains and a failed write keeps the old file', async () => {
    const path = join(dir, 'd.safetensors');
    await writeSafetensors(path, { x: tensors.weights! });
    const before = await readFile(path);
    const bad: Tensor = { dtype: 'F32', shape: [5], data: new Float32Array(4) };
    await expect(writeSafetensors(path, { bad })).rejects.toThrow(/d\.safetensors.*"bad".*shape \[5\].*4 values/);
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual(['d.safetensors']);
  });

  it('rejects tensors whose array does not match the dtype', async () => {
    const wrong = { dtype: 'F16', shape: [2], data: new Float32Array(2) } as Tensor;
    await expect(writeSafetensors(join(dir, 'e.safetensors'), { wrong })).rejects.toThrow(/"wrong" is F16 and needs a Uint16Array/);
  });

  it('leaves no file behind when the directory is missing', async () => {
    await expect(writeSafetensors(join(dir, 'missing', 'f.safetensors'), { x: tensors.weights! })).rejects.toThrow(
      /missing\/f\.safetensors: cannot write/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('toFloat32 / fromFloat32', () => {
  it('decodes F16 including subnormals, the largest finite value, infinities and NaN', () => {
    const bits = Uint16Array.from([0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x0400, 0x7c00, 0xfc00, 0x7e00, 0x8000, 0x3555]);
    const values = toFloat32({ dtype: 'F16', shape: [bits.length], data: bits });
    expect(Array.from(values.slice(0, 8))).toEqual([1, -2, 65504, 2 ** -24, 1023 * 2 ** -24, 2 ** -14, Infinity, -Infinity]);
    expect(values[8]).toBeNaN();
    expect(Object.is(values[9], -0)).toBe(true);
    expect(values[10]).toBeCloseTo(0.33325195, 7);
  });

  it('decodes BF16 as the top half of float32', () => {
    const bits = Uint16Array.from([0x3f80, 0x4049, 0xc2f7, 0x7f80, 0x0001]);
    const values = toFloat32({ dtype: 'BF16', shape: [5], data: bits });
    expect(Array.from(values)).toEqual([1, 3.140625, -123.5, Infinity, new Float32Array(new Uint32Array([0x10000]).buffer)[0]]);
  });

  it('encodes with round-to-nearest-even and decodes back', () => {
    const values = Float32Array.from([1, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 65520, 1e-8, -2.5, 2 ** -24]);
    const half = toFloat32({ dtype: 'F16', shape: [7], data: fromFloat32(values, 'F16') });
    expect(Array.from(half)).toEqual([1, 1, 1 + 2 ** -9, Infinity, 0, -2.5, 2 ** -24]);
    const bf = toFloat32({ dtype: 'BF16', shape: [3], data: fromFloat32(Float32Array.from([1 + 2 ** -8, 1 + 3 * 2 ** -8, -7]), 'BF16') });
    expect(Array.from(bf)).toEqual([1, 1 + 2 ** -6, -7]);
  });

  it('returns F32 data unchanged and converts integers', () => {
    const data = Float32Array.from([1, 2]);
    expect(toFloat32({ dtype: 'F32', shape: [2], data })).toBe(data);
    expect(Array.from(toFloat32({ dtype: 'I64', shape: [2], data: BigInt64Array.from([3n, -4n]) }))).toEqual([3, -4]);
  });
});
