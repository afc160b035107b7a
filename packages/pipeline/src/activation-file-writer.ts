import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.ts';

export interface ActivationFileLayout {
  rows: number;
  dIn: number;
  /** Token id of every row, known before the activations (contexts are packed first). */
  tokenIds: Int32Array;
  /** String metadata (provenance, seq_len, contexts). */
  metadata: Record<string, string>;
}

/** Appends activation rows in order; `finish` publishes the file, `abort` removes the partial one. */
export interface ActivationFileWriter {
  append(rows: Float32Array): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Streams an activation file (safetensors: `token_ids` [N] I32, then `activations` [N, d_in] F32)
 * to disk as rows arrive, so extraction holds one batch in memory, not the whole matrix. Every
 * size is known up front, so the header is written first. The bytes go to a temporary file that
 * is renamed over `file` only when all rows are in: a killed extraction never leaves a file that
 * looks complete.
 */
export async function createActivationFileWriter(file: string, layout: ActivationFileLayout): Promise<ActivationFileWriter> {
  const { rows, dIn, tokenIds, metadata } = layout;
  if (tokenIds.length !== rows) throw new Error(`tokenIds has ${tokenIds.length} entries for ${rows} rows.`);
  const tokenBytes = rows * 4;
  const header = {
    __metadata__: metadata,
    token_ids: { dtype: 'I32', shape: [rows], data_offsets: [0, tokenBytes] },
    activations: { dtype: 'F32', shape: [rows, dIn], data_offsets: [tokenBytes, tokenBytes + rows * dIn * 4] },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Padded with spaces so the data starts on an 8-byte boundary, as serializeSafetensors does.
  const padded = Math.ceil(json.byteLength / 8) * 8;
  const prefix = new Uint8Array(8 + padded).fill(0x20);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(padded), true);
  prefix.set(json, 8);

  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await removeAbandonedTemporaries(file);
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  let written = 0;
  const abort = async () => {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
  };
  try {
    await writeAll(handle, prefix);
    await writeAll(handle, new Uint8Array(tokenIds.buffer, tokenIds.byteOffset, tokenBytes));
  } catch (error) {
    await abort();
    throw error;
  }
  return {
    async append(batch) {
      if (batch.length % dIn !== 0) throw new Error(`An activation batch of ${batch.length} values is not whole rows of ${dIn}.`);
      if (written + batch.length / dIn > rows) throw new Error(`More than the ${rows} announced rows were appended to ${file}.`);
      await writeAll(handle, new Uint8Array(batch.buffer, batch.byteOffset, batch.byteLength));
      written += batch.length / dIn;
    },
    async finish() {
      if (written !== rows) {
        await abort();
        throw new UserError(`${file}: extraction produced ${written} rows of the ${rows} announced; nothing was written.`);
      }
      await handle.sync();
      await handle.close();
      await rename(temporary, file);
    },
    abort,
  };
}

/** Temporary files of writers that were killed (their pid is gone): at full size, a GiB each. */
async function removeAbandonedTemporaries(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const prefix = `${path.basename(file)}.`;
  for (const name of await readdir(dir)) {
    const pid = Number(/^(\d+)-[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || isAlive(pid)) continue;
    await rm(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done);
    done += bytesWritten;
  }
}
