import { open, readdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readSafetensorsHeader, toFloat32 } from '@atlas/safetensors';
import type { ActivationSource } from './activation-source.ts';
import { NPY_PREAMBLE_BYTES, npyHeaderLength, parseNpyHeader } from './npy-header.ts';
import { ActivationFileError } from './activation-file-error.ts';
import { ACTIVATIONS_TENSOR } from './activation-file-format.ts';

/** File types an activation shard may be. */
export const ACTIVATION_FILE_EXTENSIONS = ['.safetensors', '.npy'] as const;

/** A source backed by files, with the provenance the first file carries. */
export interface FileActivationSource extends ActivationSource {
  /** The shards, in the order their rows are numbered. */
  readonly files: readonly string[];
  /** The first safetensors shard's `__metadata__` (e.g. `model`, `hook` from `atlas extract`); {} for `.npy`. */
  readonly metadata: Record<string, string>;
}

interface Shard {
  file: string;
  dtype: 'F32' | 'F16' | 'BF16';
  rows: number;
  dIn: number;
  /** Byte offset of the first row in the file. */
  offset: number;
  /** Index of this shard's first row among all rows. */
  firstRow: number;
  metadata: Record<string, string>;
}

const BYTES = { F32: 4, F16: 2, BF16: 2 } as const;
/** The most bytes one `read` call asks the OS for (Node caps a single read below 2 GiB). */
const MAX_READ_BYTES = 1 << 30;

/**
 * Opens activation rows stored on disk: one file, several files (their rows in the order given),
 * or a directory of shards (its `.safetensors` / `.npy` files, sorted by name with numbers in
 * numeric order). A safetensors shard holds a 2-D tensor `activations` (F32, F16 or BF16); a
 * `.npy` shard a 2-D '<f4' or '<f2' array in C order. Only headers are read here; rows are read
 * on demand at their byte offsets, so the files may be larger than memory.
 */
export async function openActivationSource(paths: string | readonly string[]): Promise<FileActivationSource> {
  const files = await expandPaths(typeof paths === 'string' ? [paths] : paths);
  const shards: Shard[] = [];
  let rows = 0;
  for (const file of files) {
    const shard = await describeShard(file, rows);
    const first = shards[0];
    if (first && shard.dIn !== first.dIn) {
      throw new ActivationFileError(`${file}: rows have ${shard.dIn} values but ${first.file} has ${first.dIn}; every shard must have the same d_in.`);
    }
    shards.push(shard);
    rows += shard.rows;
  }
  if (rows === 0) throw new ActivationFileError(`${files.join(', ')}: no activation rows (every shard is empty).`);
  return new ShardedSource(shards, rows);
}

async function expandPaths(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new ActivationFileError('No activation files given; pass a .safetensors or .npy file, several, or a directory of them.');
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new ActivationFileError(`${path}: no such activation file or directory.`);
    });
    if (!info.isDirectory()) {
      if (!(ACTIVATION_FILE_EXTENSIONS as readonly string[]).includes(extname(path))) {
        throw new ActivationFileError(`${path}: activation files must end in ${ACTIVATION_FILE_EXTENSIONS.join(' or ')}.`);
      }
      files.push(path);
      continue;
    }
    const names = (await readdir(path))
      .filter((name) => (ACTIVATION_FILE_EXTENSIONS as readonly string[]).includes(extname(name)))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (names.length === 0) throw new ActivationFileError(`${path}: the directory holds no ${ACTIVATION_FILE_EXTENSIONS.join(' or ')} files.`);
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
}

async function describeShard(file: string, firstRow: number): Promise<Shard> {
  if (extname(file) === '.npy') return describeNpy(file, firstRow);
  const { entries, dataStart, metadata } = await readSafetensorsHeader(file);
  const entry = entries.find((e) => e.name === ACTIVATIONS_TENSOR);
  if (!entry) {
    throw new ActivationFileError(`${file}: no tensor named "activations" (found: ${entries.map((e) => e.name).join(', ') || 'none'}).`);
  }
  if (entry.dtype !== 'F32' && entry.dtype !== 'F16' && entry.dtype !== 'BF16') {
    throw new ActivationFileError(`${file}: "activations" is ${entry.dtype}; it must be F32, F16 or BF16.`);
  }
  const [rows, dIn] = matrixShape(entry.shape, file, '"activations"');
  return { file, dtype: entry.dtype, rows, dIn, offset: dataStart + entry.begin, firstRow, metadata };
}

async function describeNpy(file: string, firstRow: number): Promise<Shard> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const preamble = await readAt(handle, new Uint8Array(Math.min(NPY_PREAMBLE_BYTES, size)), 0, file);
    const length = npyHeaderLength(preamble, file);
    if (length > size) throw new ActivationFileError(`${file}: the .npy header needs ${length} bytes but the file has ${size} (truncated file).`);
    const { dtype, shape, dataStart } = parseNpyHeader(await readAt(handle, new Uint8Array(length), 0, file), file);
    const [rows, dIn] = matrixShape(shape, file, 'the array');
    const needed = dataStart + rows * dIn * BYTES[dtype];
    if (size < needed) {
      throw new ActivationFileError(`${file}: shape (${rows}, ${dIn}) needs ${needed} bytes but the file has ${size} (truncated file).`);
    }
    return { file, dtype, rows, dIn, offset: dataStart, firstRow, metadata: {} };
  } finally {
    await handle.close();
  }
}

function matrixShape(shape: readonly number[], file: string, what: string): [number, number] {
  if (shape.length !== 2 || shape[1] === 0) {
    throw new ActivationFileError(`${file}: ${what} must be 2-D [rows, d_in] with d_in ≥ 1; its shape is [${shape.join(', ')}].`);
  }
  return [shape[0]!, shape[1]!];
}

class ShardedSource implements FileActivationSource {
  readonly dIn: number;
  readonly files: readonly string[];
  readonly metadata: Record<string, string>;
  readonly description: string;
  private readonly handles = new Map<string, Promise<FileHandle>>();

  constructor(private readonly shards: Shard[], readonly rows: number) {
    this.dIn = shards[0]!.dIn;
    this.files = shards.map((s) => s.file);
    this.metadata = shards.find((s) => Object.keys(s.metadata).length > 0)?.metadata ?? {};
    const names = shards.map((s) => basename(s.file));
    this.description = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')}, … ${names.at(-1)} (${names.length} files)`;
  }

  async read(start: number, count: number, out: Float32Array): Promise<void> {
    const { dIn, rows } = this;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0 || start + count > rows) {
      throw new ActivationFileError(`rows [${start}, ${start + count}) are outside the ${rows} rows of ${this.description}.`);
    }
    if (out.length < count * dIn) throw new ActivationFileError(`read: out holds ${out.length} values, fewer than ${count} rows × ${dIn}.`);
    for (const shard of this.shards) {
      const from = Math.max(start, shard.firstRow);
      const to = Math.min(start + count, shard.firstRow + shard.rows);
      if (from >= to) continue;
      const target = out.subarray((from - start) * dIn, (to - start) * dIn);
      await this.readShard(shard, from - shard.firstRow, to - from, target);
      checkFinite(target, dIn, shard, from - shard.firstRow);
    }
  }

  private async readShard(shard: Shard, row: number, count: number, target: Float32Array): Promise<void> {
    const handle = await this.handle(shard.file);
    const position = shard.offset + row * shard.dIn * BYTES[shard.dtype];
    if (shard.dtype === 'F32') {
      await readAt(handle, new Uint8Array(target.buffer, target.byteOffset, target.byteLength), position, shard.file);
      return;
    }
    const bits = new Uint16Array(count * shard.dIn);
    await readAt(handle, new Uint8Array(bits.buffer), position, shard.file);
    target.set(toFloat32({ dtype: shard.dtype, shape: [bits.length], data: bits }));
  }

  private handle(file: string): Promise<FileHandle> {
    let handle = this.handles.get(file);
    if (!handle) {
      handle = open(file, 'r');
      this.handles.set(file, handle);
    }
    return handle;
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map(async (handle) => (await handle).close()));
  }
}

/** Fills `bytes` from `position`, in pieces below Node's per-read cap; a short file is an error naming it. */
async function readAt(handle: FileHandle, bytes: Uint8Array, position: number, file: string): Promise<Uint8Array> {
  let done = 0;
  while (done < bytes.byteLength) {
    const length = Math.min(MAX_READ_BYTES, bytes.byteLength - done);
    const { bytesRead } = await handle.read(bytes, done, length, position + done);
    if (bytesRead === 0) {
      throw new ActivationFileError(`${file}: the file ends at byte ${position + done}, before the ${bytes.byteLength} bytes expected there (truncated file).`);
    }
    done += bytesRead;
  }
  return bytes;
}

function checkFinite(values: Float32Array, dIn: number, shard: Shard, firstRow: number): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value - value === 0) continue;
    const row = firstRow + Math.floor(i / dIn);
    throw new ActivationFileError(
      `${shard.file}: row ${row} (row ${shard.firstRow + row} overall), column ${i % dIn}, is ` +
        `${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}; activations must be finite.`,
    );
  }
}
