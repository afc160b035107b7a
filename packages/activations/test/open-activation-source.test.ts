import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFloat32, toFloat32, writeSafetensors } from '@atlas/safetensors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openActivationSource } from '../src/index.ts';
import { writeNpy } from './support/npy-files.ts';
import { randomArray } from './support/random-rows.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'activation-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const dIn = 6;
async function writeActivations(name: string, data: Float32Array | Uint16Array, rows: number, dtype: 'F32' | 'F16' | 'BF16' = 'F32') {
  const path = join(dir, name);
  await writeSafetensors(path, {
    token_ids: { dtype: 'I32', shape: [rows], data: new Int32Array(rows) }, // data before the activations: offsets matter
    activations: { dtype, shape: [rows, dIn], data },
  }, { model: 'demo-lm', hook: 'blocks.2.hook_resid_post' });
  return path;
}

async function readAll(source: Awaited<ReturnType<typeof openActivationSource>>): Promise<Float32Array> {
  const out = new Float32Array(source.rows * source.dIn);
  await source.read(0, source.rows, out);
  return out;
}

describe('openActivationSource', () => {
  it('reads F32, F16 and BF16 safetensors rows on demand, at any offset, with the metadata', async () => {
    const rows = 9;
    const values = randomArray(rows * dIn, 1);
    for (const dtype of ['F32', 'F16', 'BF16'] as const) {
      const data = dtype === 'F32' ? values : fromFloat32(values, dtype);
      const expected = dtype === 'F32' ? values : toFloat32({ dtype, shape: [rows, dIn], data });
      const source = await openActivationSource(await writeActivations(`a-${dtype}.safetensors`, data, rows, dtype));
      expect([source.rows, source.dIn]).toEqual([rows, dIn]);
      expect(source.metadata).toEqual({ model: 'demo-lm', hook: 'blocks.2.hook_resid_post' });
      const out = new Float32Array(3 * dIn);
      await source.read(4, 3, out);
      expect(out).toEqual(expected.subarray(4 * dIn, 7 * dIn));
      expect(await readAll(source)).toEqual(expected);
      await source.close();
    }
  });

  it('reads .npy files (v1, v2 and v3 headers, <f4 and <f2)', async () => {
    const rows = 5;
    const values = randomArray(rows * dIn, 2);
    for (const version of [1, 2, 3]) {
      const path = join(dir, `v${version}.npy`);
      await writeNpy(path, values, [rows, dIn], { version });
      const source = await openActivationSource(path);
      expect(await readAll(source)).toEqual(values);
      await source.close();
    }
    const half = fromFloat32(values, 'F16');
    await writeNpy(join(dir, 'half.npy'), half, [rows, dIn]);
    const source = await openActivationSource(join(dir, 'half.npy'));
    expect(await readAll(source)).toEqual(toFloat32({ dtype: 'F16', shape: [rows, dIn], data: half }));
    await source.close();
  });

  it('numbers the rows of several shards in order, and sorts a directory of shards numerically', async () => {
    const shards = join(dir, 'shards');
    await mkdir(shards);
    const parts = [randomArray(4 * dIn, 3), randomArray(2 * dIn, 4), randomArray(3 * dIn, 5)];
    // Named so that plain string order (10 < 2) would be wrong.
    await writeSafetensors(join(shards, 'acts-1.safetensors'), { activations: { dtype: 'F32', shape: [4, dIn], data: parts[0]! } });
    await writeNpy(join(shards, 'acts-2.npy'), parts[1]!, [2, dIn]);
    await writeSafetensors(join(shards, 'acts-10.safetensors'), { activations: { dtype: 'F32', shape: [3, dIn], data: parts[2]! } });
    await writeFile(join(shards, 'notes.txt'), 'ignored');
    const all = Float32Array.from([...parts[0]!, ...parts[1]!, ...parts[2]!]);

    const fromDir = await openActivationSource(shards);
    expect(fromDir.files.map((f) => f.slice(shards.length + 1))).toEqual(['acts-1.safetensors', 'acts-2.npy', 'acts-10.safetensors']);
    expect(fromDir.rows).toBe(9);
    expect(fromDir.description).toBe('acts-1.safetensors, acts-2.npy, acts-10.safetensors');
    expect(await readAll(fromDir)).toEqual(all);
    const out = new Float32Array(4 * dIn); // rows 3..6 span all three shards
    await fromDir.read(3, 4, out);
    expect(out).toEqual(all.subarray(3 * dIn, 7 * dIn));
    await fromDir.close();

    const fromList = await openActivationSource([join(shards, 'acts-10.safetensors'), join(shards, 'acts-1.safetensors')]);
    expect(await readAll(fromList)).toEqual(Float32Array.from([...parts[2]!, ...parts[0]!]));
    await expect(fromList.read(5, 3, new Float32Array(3 * dIn))).rejects.toThrow(/rows \[5, 8\) are outside the 7 rows/);
    await fromList.close();
  });

  it('names the file and the row of a NaN or infinity', async () => {
    const values = randomArray(5 * dIn, 6);
    values[3 * dIn + 2] = Number.NaN;
    const first = await writeActivations('clean.safetensors', randomArray(4 * dIn, 7), 4);
    const bad = join(dir, 'bad.npy');
    await writeNpy(bad, values, [5, dIn]);
    const source = await openActivationSource([first, bad]);
    await source.read(0, 6, new Float32Array(6 * dIn)); // rows before the bad one read fine
    await expect(readAll(source)).rejects.toThrow(/bad\.npy: row 3 \(row 7 overall\), column 2, is NaN/);
    await source.close();
    values[3 * dIn + 2] = Number.NEGATIVE_INFINITY;
    await writeNpy(bad, fromFloat32(values, 'F16'), [5, dIn]);
    const half = await openActivationSource(bad);
    await expect(readAll(half)).rejects.toThrow(/bad\.npy: row 3 .*-Inf/);
    await half.close();
  });

  it('rejects shards whose d_in differ, naming the file', async () => {
    const a = await writeActivations('d6.safetensors', new Float32Array(2 * dIn), 2);
    const b = join(dir, 'd5.npy');
    await writeNpy(b, new Float32Array(10), [2, 5]);
    await expect(openActivationSource([a, b])).rejects.toThrow(/d5\.npy: rows have 5 values but .*d6\.safetensors has 6/);
  });

  it('rejects truncated, corrupt and unsupported files with the file and the problem', async () => {
    const good = join(dir, 'good.npy');
    await writeNpy(good, new Float32Array(4 * dIn), [4, dIn]);
    const bytes = await readFile(good);
    const cut = join(dir, 'cut.npy');
    await writeFile(cut, bytes.subarray(0, bytes.byteLength - 3));
    await expect(openActivationSource(cut)).rejects.toThrow(/cut\.npy: shape \(4, 6\) needs \d+ bytes but the file has \d+ \(truncated file\)/);
    await writeFile(cut, bytes.subarray(0, 40));
    await expect(openActivationSource(cut)).rejects.toThrow(/cut\.npy: the \.npy header needs 128 bytes but the file has 40/);
    await writeFile(cut, 'not numpy at all');
    await expect(openActivationSource(cut)).rejects.toThrow(/cut\.npy: not a \.npy file/);

    const st = await writeActivations('cut.safetensors', new Float32Array(4 * dIn), 4);
    const stBytes = await readFile(st);
    await writeFile(st, stBytes.subarray(0, stBytes.byteLength - 8));
    await expect(openActivationSource(st)).rejects.toThrow(/cut\.safetensors: tensor "activations".*truncated/);

    const wrongDtype = join(dir, 'f8.npy');
    await writeNpy(wrongDtype, new Float32Array(4), [2, 1], { descr: '<f8' });
    await expect(openActivationSource(wrongDtype)).rejects.toThrow(/f8\.npy: dtype '<f8' is not supported.*'<f4'/);
    const fortran = join(dir, 'fortran.npy');
    await writeNpy(fortran, new Float32Array(4), [2, 2], { fortran: true });
    await expect(openActivationSource(fortran)).rejects.toThrow(/fortran\.npy: .*Fortran order.*ascontiguousarray/);
    const oneD = join(dir, 'flat.npy');
    await writeNpy(oneD, new Float32Array(4), [4]);
    await expect(openActivationSource(oneD)).rejects.toThrow(/flat\.npy: the array must be 2-D \[rows, d_in\].*\[4\]/);

    const noActivations = join(dir, 'other.safetensors');
    await writeSafetensors(noActivations, { weights: { dtype: 'F32', shape: [2, 2], data: new Float32Array(4) } });
    await expect(openActivationSource(noActivations)).rejects.toThrow(/other\.safetensors: no tensor named "activations" \(found: weights\)/);
    await expect(openActivationSource(join(dir, 'missing.npy'))).rejects.toThrow(/missing\.npy: no such activation file/);
    await expect(openActivationSource(join(dir, '..', 'x.csv'))).rejects.toThrow(/no such activation file/);
    await writeFile(join(dir, 'x.csv'), '1,2');
    await expect(openActivationSource(join(dir, 'x.csv'))).rejects.toThrow(/x\.csv: activation files must end in \.safetensors or \.npy/);
  });
});
