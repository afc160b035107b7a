import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafetensorsWriter, readSafetensors, serializeSafetensors, writeSafetensors } from '../src/index.ts';
import type { Tensor, TensorSpec } from '../src/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safetensors-stream-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ids = Int32Array.from({ length: 6 }, (_, i) => 100 + i);
const values = Float32Array.from({ length: 18 }, (_, i) => Math.fround(Math.cos(i) * 7));
const metadata = { model: 'm', note: 'streamed' };
const specs: Record<string, TensorSpec> = { ids: { dtype: 'I32', shape: [6] }, values: { dtype: 'F32', shape: [6, 3] } };

describe('createSafetensorsWriter', () => {
  it('writes the same bytes as writeSafetensors, with data appended in chunks, and publishes only on finish', async () => {
    const path = join(dir, 'streamed.safetensors');
    const writer = await createSafetensorsWriter(path, specs, metadata);
    await writer.append('ids', ids.subarray(0, 4));
    await writer.append('ids', ids.subarray(4));
    expect(existsSync(path)).toBe(false);
    for (const [start, end] of [[0, 3], [3, 4], [4, 6]] as const) await writer.append('values', values.subarray(start * 3, end * 3));
    await writer.finish();

    const whole = join(dir, 'whole.safetensors');
    const tensors: Record<string, Tensor> = { ids: { dtype: 'I32', shape: [6], data: ids }, values: { dtype: 'F32', shape: [6, 3], data: values } };
    await writeSafetensors(whole, tensors, metadata);
    expect(await readFile(path)).toEqual(await readFile(whole));
    expect(Buffer.concat(serializeSafetensors(tensors, metadata))).toEqual(await readFile(path));
    const read = await readSafetensors(path);
    expect(read.metadata).toEqual(metadata);
    expect(read.tensors.values).toEqual({ dtype: 'F32', shape: [6, 3], data: values });
    expect((await readdir(dir)).sort()).toEqual(['streamed.safetensors', 'whole.safetensors']);
  });

  it('refuses appends out of order, of the wrong type or past the announced size', async () => {
    const writer = await createSafetensorsWriter(join(dir, 'bad.safetensors'), specs);
    await expect(writer.append('values', values)).rejects.toThrow(/append to "values" while "ids" is not complete/);
    await expect(writer.append('ids', new Float32Array(6))).rejects.toThrow(/"ids" is I32 and needs a Int32Array, got Float32Array/);
    await expect(writer.append('ids', new Int32Array(7))).rejects.toThrow(/"ids" was announced with 24 bytes; appending 28 after 0 overflows it/);
    await writer.abort();
    await expect(writer.append('ids', ids)).rejects.toThrow(/after the writer finished or was aborted/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves no file when a tensor is incomplete at finish, or on abort', async () => {
    const path = join(dir, 'short.safetensors');
    const writer = await createSafetensorsWriter(path, { ids: { dtype: 'I32', shape: [6] } });
    await writer.append('ids', ids.subarray(0, 2));
    await expect(writer.finish()).rejects.toThrow(/short\.safetensors: tensor "ids" got 8 of its 24 bytes; nothing was written/);
    const aborted = await createSafetensorsWriter(join(dir, 'aborted.safetensors'), { ids: { dtype: 'I32', shape: [6] } });
    await aborted.append('ids', ids);
    await aborted.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects bad specs and metadata before creating a file', async () => {
    await expect(createSafetensorsWriter(join(dir, 'x.safetensors'), { a: { dtype: 'F8' as 'F32', shape: [1] } })).rejects.toThrow(
      /x\.safetensors: Tensor "a" has unsupported dtype "F8"/,
    );
    await expect(createSafetensorsWriter(join(dir, 'x.safetensors'), { a: { dtype: 'F32', shape: [-1] } })).rejects.toThrow(/invalid shape \[-1\]/);
    await expect(createSafetensorsWriter(join(dir, 'x.safetensors'), {}, { n: 1 as unknown as string })).rejects.toThrow(/metadata\["n"\] must be a string/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the temporaries of killed writers of the same file, and keeps a live one', async () => {
    const path = join(dir, 'resumed.safetensors');
    // No process has pid 2^22 + 1 (above Linux's pid_max default).
    await writeFile(`${path}.4194305-abcd1234.tmp`, 'partial');
    await writeFile(`${path}.${process.pid}-abcd1234.tmp`, 'in progress');
    await writeFile(join(dir, 'other.safetensors.4194305-abcd1234.tmp'), 'another file');
    const writer = await createSafetensorsWriter(path, { ids: { dtype: 'I32', shape: [6] } });
    await writer.abort();
    expect((await readdir(dir)).sort()).toEqual(['other.safetensors.4194305-abcd1234.tmp', `resumed.safetensors.${process.pid}-abcd1234.tmp`]);
  });
});
