import { open } from 'node:fs/promises';
import { headerLength, parseHeader } from './parse.ts';
import type { ParsedHeader } from './parse.ts';
import { SafetensorsError } from './types.ts';

/**
 * Reads only a safetensors file's header (not its tensor data), so a file larger than memory can
 * be read piece by piece at `dataStart + entry.begin`. The same checks as `readSafetensors`
 * apply, against the file's size on disk (a truncated file is an error naming the tensor).
 */
export async function readSafetensorsHeader(path: string): Promise<ParsedHeader & { fileLength: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SafetensorsError(`${path}: cannot read the file (${reason})`);
  }
  try {
    const { size: fileLength } = await handle.stat();
    const lengthBytes = new Uint8Array(8);
    await handle.read(lengthBytes, 0, Math.min(8, fileLength), 0);
    const bytes = headerLength(lengthBytes, fileLength, path);
    const prefix = new Uint8Array(8 + bytes);
    prefix.set(lengthBytes);
    await handle.read(prefix, 8, bytes, 8);
    return { ...parseHeader(prefix, fileLength, path), fileLength };
  } finally {
    await handle.close();
  }
}
