import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSafetensors } from '@atlas/safetensors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivationFileWriter, openActivationSource, readActivationFile } from '../src/index.ts';

describe('createActivationFileWriter', () => {
  let dir: string;
  const rows = 12;
  const dIn = 5;
  const seqLen = 4;
  const activations = Float32Array.from({ length: rows * dIn }, (_, i) => Math.fround(Math.sin(i) * 3));
  const tokenIds = Int32Array.from({ length: rows }, (_, i) => 100 + i);
  const metadata = {
    model: 'm', hook: 'h', corpus: 'c', seq_len: String(seqLen),
    contexts: JSON.stringify([['doc-a', 0], ['doc-a', 4], ['doc-b', 0]]),
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-writer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams batches into a safetensors file that reads back exactly, whole or in chunks', async () => {
    const file = path.join(dir, 'acts.safetensors');
    const writer = await createActivationFileWriter(file, { rows, dIn, tokenIds, metadata });
    expect(existsSync(file)).toBe(false);
    for (const [start, end] of [[0, 4], [4, 5], [5, 12]] as const) await writer.append(activations.subarray(start * dIn, end * dIn));
    await writer.finish();

    const { tensors, metadata: read } = await readSafetensors(file);
    expect(tensors.activations).toEqual({ dtype: 'F32', shape: [rows, dIn], data: activations });
    expect(tensors.token_ids?.data).toEqual(tokenIds);
    expect(read).toEqual(metadata);

    const source = await openActivationSource(file);
    const middle = new Float32Array(3 * dIn);
    await source.read(7, 3, middle);
    await source.close();
    expect(middle).toEqual(activations.subarray(7 * dIn, 10 * dIn));

    const extracted = await readActivationFile(file);
    expect(extracted).toMatchObject({ file, rows, dIn, seqLen });
    expect(extracted.contexts[1]).toEqual({ documentId: 'doc-a', startToken: 4, tokenIds: [104, 105, 106, 107] });
  });

  it('leaves no file when fewer rows than announced arrive, or on abort', async () => {
    const short = path.join(dir, 'short.safetensors');
    const writer = await createActivationFileWriter(short, { rows, dIn, tokenIds, metadata });
    await writer.append(activations.subarray(0, 3 * dIn));
    await expect(writer.finish()).rejects.toThrow(/3 rows of the 12 announced/);
    const aborted = path.join(dir, 'aborted.safetensors');
    const other = await createActivationFileWriter(aborted, { rows, dIn, tokenIds, metadata });
    await other.abort();
    expect((await readdir(dir)).filter((name) => name.startsWith('short') || name.startsWith('aborted'))).toEqual([]);
  });

  it('removes temporary files that a killed writer left behind', async () => {
    const file = path.join(dir, 'resumed.safetensors');
    // No process has pid 2^22 + 1 (above Linux's pid_max default); a live pid's file is kept.
    await writeFile(`${file}.4194305-abcd1234.tmp`, 'partial');
    await writeFile(`${file}.${process.pid}-abcd1234.tmp`, 'in progress');
    const writer = await createActivationFileWriter(file, { rows, dIn, tokenIds, metadata });
    await writer.abort();
    expect((await readdir(dir)).filter((name) => name.startsWith('resumed'))).toEqual([`resumed.safetensors.${process.pid}-abcd1234.tmp`]);
  });

  it('refuses rows beyond the announced count and partial rows', async () => {
    const writer = await createActivationFileWriter(path.join(dir, 'over.safetensors'), { rows: 1, dIn, tokenIds: tokenIds.subarray(0, 1), metadata });
    await expect(writer.append(new Float32Array(dIn + 1))).rejects.toThrow(/not whole rows of 5/);
    await expect(writer.append(new Float32Array(2 * dIn))).rejects.toThrow(/More than the 1 announced rows/);
    await writer.abort();
  });
});
