import { describe, expect, it } from 'vitest';
import { decodeVector, denseVector, encodeVector, sparsify } from '../src/index.ts';

describe('vector codec', () => {
  it('round-trips indices exactly and values to fp16 precision, header included', () => {
    const indices = Uint32Array.from([0, 1, 2, 127, 128, 16_383, 16_384, 2_000_000]);
    const values = Float32Array.from([0.001, 1, 2.5, 3.14159, 60_000, 1e-6, 0.333333, 42]);
    const decoded = decodeVector(encodeVector({ indices, values, total: 123.5, nnz: 99 }));
    expect(Array.from(decoded.indices)).toEqual(Array.from(indices));
    decoded.values.forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThanOrEqual(Math.abs(values[i]!) * 1e-3 + 6e-8));
    expect(decoded.total).toBe(123.5);
    expect(decoded.nnz).toBe(99);
  });

  it('keeps signs, clamps beyond fp16 range, and decodes from an unaligned slice', () => {
    const bytes = encodeVector(denseVector(Float32Array.from([-0.5, 0, 1e9, -1e9])));
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const decoded = decodeVector(shifted.subarray(3));
    expect(Array.from(decoded.values)).toEqual([-0.5, 0, 65504, -65504]);
  });

  it('takes about 3 bytes per stored entry where features are dense', () => {
    const dense = new Float32Array(4096);
    for (let i = 0; i < 4096; i += 8) dense[i] = 1 + (i % 7);
    const bytes = encodeVector(sparsify(dense));
    expect(bytes.length).toBe(16 + 512 * 3);
  });

  it('refuses bytes of another codec version', () => {
    const bytes = encodeVector(sparsify(Float32Array.from([1, 2])));
    bytes[0] = 9;
    expect(() => decodeVector(bytes)).toThrow(/codec version 9/);
  });
});

describe('sparsify', () => {
  it('keeps the cap largest entries in index order and the whole vector’s sum and count', () => {
    const v = sparsify(Float32Array.from([0, 5, 1, 0, 3, 2]), 2);
    expect(Array.from(v.indices)).toEqual([1, 4]);
    expect(Array.from(v.values)).toEqual([5, 3]);
    expect(v.total).toBe(11);
    expect(v.nnz).toBe(4);
  });
});
