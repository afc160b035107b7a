import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { serializeSafetensors } from './serialize.ts';
import type { Tensor } from './types.ts';
import { SafetensorsError } from './types.ts';

/**
 * Writes tensors (in the order given) and optional string metadata to `path` atomically: the
 * bytes go to a temporary file beside it, which is flushed and then renamed over `path`, so a
 * reader never sees a partial file. The parent directory must exist.
 */
export async function writeSafetensors(
  path: string,
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  let chunks: Uint8Array[];
  try {
    chunks = serializeSafetensors(tensors, metadata);
  } catch (error) {
    throw new SafetensorsError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      for (const chunk of chunks) await writeAll(handle, chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new SafetensorsError(`${path}: cannot write the file (${reason})`);
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let written = 0;
  while (written < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written);
    written += bytesWritten;
  }
}
