import { open, rename, rm } from 'node:fs/promises';
import { serializeSafetensors } from './serialize.ts';
import { temporaryPath, writeAll } from './atomic-file.ts';
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
  const temporary = temporaryPath(path);
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
