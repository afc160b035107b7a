import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '../src/index.ts';

let dir: string;
let good: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safetensors-bad-'));
  const path = join(dir, 'good.safetensors');
  await writeSafetensors(path, {
    a: { dtype: 'F32', shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) },
    b: { dtype: 'I32', shape: [3], data: Int32Array.from([5, 6, 7]) },
  });
  good = await readFile(path);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function withHeader(header: unknown, dataBytes = 16): Buffer {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.byteLength));
  return Buffer.concat([length, json, Buffer.alloc(dataBytes)]);
}

async function expectRejected(bytes: Uint8Array, message: RegExp): Promise<void> {
  const path = join(dir, 'bad.safetensors');
  await writeFile(path, bytes);
  await expect(readSafetensors(path)).rejects.toThrow(message);
  await expect(readSafetensors(path)).rejects.toThrow(/bad\.safetensors: /);
}

describe('readSafetensors rejects corrupt and truncated files with the file and the problem', () => {
  it('names a missing file', async () => {
    await expect(readSafetensors(join(dir, 'nope.safetensors'))).rejects.toThrow(/nope\.safetensors: cannot read the file.*ENOENT/);
  });

  it('rejects a file shorter than the length field', async () => {
    await expectRejected(good.subarray(0, 5), /5 bytes, too short for the 8-byte header length/);
  });

  it('rejects a header cut short', async () => {
    await expectRejected(good.subarray(0, 30), /header length field says \d+ bytes but only 22 follow \(truncated file\)/);
  });

  it('rejects tensor data cut short, naming the tensor', async () => {
    await expectRejected(good.subarray(0, good.byteLength - 4), /tensor "b": data_offsets \[16, 28\] run past the 24 data bytes.*truncated/);
  });

  it('rejects an absurd header length', async () => {
    const bytes = Buffer.from(good);
    bytes.writeBigUInt64LE(2n ** 60n, 0);
    await expectRejected(bytes, /over the format's 100 MB limit/);
  });

  it('rejects a header that is not JSON', async () => {
    await expectRejected(withHeader('{"a": {"dtype": "F32",'), /header is not valid JSON/);
    await expectRejected(withHeader('[1, 2]'), /header JSON is not an object/);
  });

  it('rejects an unsupported dtype, listing the supported ones', async () => {
    await expectRejected(
      withHeader({ a: { dtype: 'F8_E4M3', shape: [2], data_offsets: [0, 2] } }),
      /tensor "a": unsupported dtype "F8_E4M3"; supported: F32, F16, BF16, I32, I64/,
    );
  });

  it('rejects offsets that disagree with shape × dtype size', async () => {
    await expectRejected(
      withHeader({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }),
      /tensor "a": data_offsets \[0, 8\] span 8 bytes but F32 shape \[3\] needs 12/,
    );
  });

  it('rejects malformed shapes and offsets', async () => {
    await expectRejected(withHeader({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }), /shape \[-1\] is not a list/);
    await expectRejected(withHeader({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }), /data_offsets \[4,0\] is not \[begin, end\]/);
  });

  it('rejects overlapping tensors', async () => {
    await expectRejected(
      withHeader({
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
      }),
      /"a" and "b" have overlapping data_offsets/,
    );
  });

  it('rejects non-string metadata', async () => {
    await expectRejected(withHeader({ __metadata__: { steps: 3 } }), /__metadata__\["steps"\] is not a string/);
  });

  it('labels in-memory bytes in its messages', async () => {
    await expect(readSafetensors(new Uint8Array(3))).rejects.toThrow(/^safetensors bytes: file is 3 bytes/);
  });
});
