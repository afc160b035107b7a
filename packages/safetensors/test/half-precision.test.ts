import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromFloat32, readSafetensors, readSafetensorsHeader, toFloat32, writeSafetensors } from '../src/index.ts';

const allBits = Uint16Array.from({ length: 65536 }, (_, i) => i);
const isHalfNaN = (bits: number) => (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
const isBf16NaN = (bits: number) => (bits & 0x7f80) === 0x7f80 && (bits & 0x7f) !== 0;

describe('F16 / BF16 encoding', () => {
  it('re-encodes every one of the 65,536 F16 values to the same bits (NaN stays NaN)', () => {
    const back = fromFloat32(toFloat32({ dtype: 'F16', shape: [65536], data: allBits }), 'F16');
    for (let bits = 0; bits < 65536; bits++) {
      if (isHalfNaN(bits)) expect(isHalfNaN(back[bits]!)).toBe(true);
      else if (back[bits] !== bits) expect.fail(`F16 0x${bits.toString(16)} came back as 0x${back[bits]!.toString(16)}`);
    }
  });

  it('re-encodes every one of the 65,536 BF16 values to the same bits (NaN stays NaN)', () => {
    const back = fromFloat32(toFloat32({ dtype: 'BF16', shape: [65536], data: allBits }), 'BF16');
    for (let bits = 0; bits < 65536; bits++) {
      if (isBf16NaN(bits)) expect(isBf16NaN(back[bits]!)).toBe(true);
      else if (back[bits] !== bits) expect.fail(`BF16 0x${bits.toString(16)} came back as 0x${back[bits]!.toString(16)}`);
    }
  });

  it('rounds to the nearest representable value (no neighbour is closer)', () => {
    // Random float32 values across the F16 range (normals and subnormals): the encoded value must be
    // at least as close as both neighbours (ties to even are checked in round-trip.test.ts).
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const values = Float32Array.from({ length: 3000 }, () => (random() - 0.5) * 2 ** (Math.floor(random() * 40) - 24));
    for (const dtype of ['F16', 'BF16'] as const) {
      const bits = fromFloat32(values, dtype);
      const decoded = toFloat32({ dtype, shape: [values.length], data: bits });
      for (let i = 0; i < values.length; i++) {
        const up = toFloat32({ dtype, shape: [1], data: Uint16Array.of(bits[i]! + 1) })[0]!;
        const down = toFloat32({ dtype, shape: [1], data: Uint16Array.of(bits[i]! - 1) })[0]!;
        const error = Math.abs(decoded[i]! - values[i]!);
        // A neighbour across ±0 or past the largest finite value decodes to NaN: nothing to compare.
        if (!Number.isNaN(up)) expect(error).toBeLessThanOrEqual(Math.abs(up - values[i]!));
        if (!Number.isNaN(down)) expect(error).toBeLessThanOrEqual(Math.abs(down - values[i]!));
      }
    }
  });
});

describe('readSafetensorsHeader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'safetensors-header-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns entries with offsets that locate each tensor in the file, for F32, F16 and BF16', async () => {
    const path = join(dir, 'h.safetensors');
    const values = Float32Array.from([1, -2, 0.5, 3]);
    await writeSafetensors(path, {
      a: { dtype: 'F32', shape: [2, 2], data: values },
      b: { dtype: 'F16', shape: [4], data: fromFloat32(values, 'F16') },
      c: { dtype: 'BF16', shape: [1, 4], data: fromFloat32(values, 'BF16') },
    }, { note: 'x' });
    const header = await readSafetensorsHeader(path);
    const whole = await readSafetensors(path);
    expect(header.metadata).toEqual({ note: 'x' });
    expect(header.entries.map((e) => [e.name, e.dtype, e.shape])).toEqual([['a', 'F32', [2, 2]], ['b', 'F16', [4]], ['c', 'BF16', [1, 4]]]);
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(path));
    for (const entry of header.entries) {
      const slice = bytes.subarray(header.dataStart + entry.begin, header.dataStart + entry.end);
      const tensor = whole.tensors[entry.name]!;
      expect(Buffer.from(slice)).toEqual(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    }
  });

  it('names the file and the tensor when the data is cut short', async () => {
    const path = join(dir, 'cut.safetensors');
    await writeSafetensors(path, { activations: { dtype: 'F32', shape: [4, 4], data: new Float32Array(16) } });
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(path));
    await writeFile(path, bytes.subarray(0, bytes.byteLength - 10));
    await expect(readSafetensorsHeader(path)).rejects.toThrow(/cut\.safetensors: tensor "activations".*truncated/);
    await writeFile(path, bytes.subarray(0, 3));
    await expect(readSafetensorsHeader(path)).rejects.toThrow(/cut\.safetensors: file is 3 bytes/);
    await expect(readSafetensorsHeader(join(dir, 'none.safetensors'))).rejects.toThrow(/none\.safetensors: cannot read/);
  });
});
