import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { checkArrayType } from './dtypes.ts';
import { encodeHeader, tensorBytes } from './serialize.ts';
import type { TensorSpec } from './serialize.ts';
import { removeAbandonedTemporaries, temporaryPath, writeAll } from './atomic-file.ts';
import type { Tensor } from './types.ts';
import { SafetensorsError } from './types.ts';

/** Fills a safetensors file tensor by tensor, in chunks; see `createSafetensorsWriter`. */
export interface SafetensorsWriter {
  /**
   * Appends the next elements of tensor `name` (a typed array of its dtype). Tensors are filled
   * in the order they were announced: `name` must be the first one not yet complete.
   */
  append(name: string, data: Tensor['data']): Promise<void>;
  /** Checks every tensor is complete, flushes, and renames the file over the target. */
  finish(): Promise<void>;
  /** Closes and removes the temporary file; the target is left as it was. */
  abort(): Promise<void>;
}

/**
 * Streams a safetensors file whose tensor shapes are known up front but whose data arrives in
 * pieces (activations extracted batch by batch), holding one piece in memory at a time. The
 * header is written first (the same bytes `writeSafetensors` writes for these tensors), then the
 * data as it is appended. Everything goes to a temporary file beside `path` (temporaries left by
 * killed writers of the same path are removed first) that is renamed over `path` only by
 * `finish`, once every byte is in: a killed or failed write never leaves a file that looks
 * complete. The parent directory must exist.
 */
export async function createSafetensorsWriter(
  path: string,
  specs: Record<string, TensorSpec>,
  metadata?: Record<string, string>,
): Promise<SafetensorsWriter> {
  let header: Uint8Array;
  try {
    header = encodeHeader(specs, metadata);
  } catch (error) {
    throw new SafetensorsError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const tensors = Object.entries(specs).map(([name, spec]) => ({ name, dtype: spec.dtype, bytes: tensorBytes(spec), written: 0 }));
  const failure = (action: string, error: unknown) =>
    new SafetensorsError(`${path}: cannot ${action} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  const temporary = temporaryPath(path);
  let handle: FileHandle;
  try {
    await removeAbandonedTemporaries(path);
    handle = await open(temporary, 'w');
  } catch (error) {
    throw failure('create the file', error);
  }
  let closed = false;
  const abort = async () => {
    if (!closed) await handle.close().catch(() => {});
    closed = true;
    await rm(temporary, { force: true });
  };
  const write = async (bytes: Uint8Array) => {
    try {
      await writeAll(handle, bytes);
    } catch (error) {
      await abort();
      throw failure('write the file', error);
    }
  };
  await write(header);
  const current = () => tensors.find((tensor) => tensor.written < tensor.bytes);
  const misuse = (problem: string) => new SafetensorsError(`${path}: ${problem}`, { code: 'INTERNAL_SERVER_ERROR' });
  return {
    async append(name, data) {
      if (closed) throw misuse(`append to "${name}" after the writer finished or was aborted.`);
      // Nothing to write (an empty tensor, or an empty chunk): only the name must be one announced.
      if (data.byteLength === 0 && tensors.some((tensor) => tensor.name === name)) return;
      const tensor = current();
      if (!tensor || tensor.name !== name) {
        throw misuse(tensor ? `append to "${name}" while "${tensor.name}" is not complete (tensors fill in header order).` : `append to "${name}" but every tensor is complete.`);
      }
      checkArrayType(name, tensor.dtype, data);
      if (tensor.written + data.byteLength > tensor.bytes) {
        throw misuse(`"${name}" was announced with ${tensor.bytes} bytes; appending ${data.byteLength} after ${tensor.written} overflows it.`);
      }
      await write(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      tensor.written += data.byteLength;
    },
    async finish() {
      if (closed) throw misuse('finish after the writer finished or was aborted.');
      const incomplete = current();
      if (incomplete) {
        await abort();
        throw new SafetensorsError(`${path}: tensor "${incomplete.name}" got ${incomplete.written} of its ${incomplete.bytes} bytes; nothing was written.`);
      }
      try {
        await handle.sync();
        await handle.close();
        closed = true;
        await rename(temporary, path);
      } catch (error) {
        await abort();
        throw failure('write the file', error);
      }
    },
    abort,
  };
}
