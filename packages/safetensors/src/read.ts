import { readFile } from 'node:fs/promises';
import { parseSafetensors } from './parse.ts';
import type { SafetensorsFile } from './types.ts';
import { SafetensorsError } from './types.ts';

/** Reads a safetensors file from a path, or parses bytes already in memory. */
export async function readSafetensors(pathOrBytes: string | Uint8Array): Promise<SafetensorsFile> {
  if (typeof pathOrBytes !== 'string') return parseSafetensors(pathOrBytes);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(pathOrBytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SafetensorsError(`${pathOrBytes}: cannot read the file (${reason})`);
  }
  return parseSafetensors(bytes, pathOrBytes);
}
