import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createSafetensorsWriter } from '@atlas/safetensors';
import { ActivationFileError } from './activation-file-error.ts';
import { ACTIVATIONS_TENSOR, TOKEN_IDS_TENSOR } from './activation-file-format.ts';

export interface ActivationFileLayout {
  rows: number;
  dIn: number;
  /** Token id of every row, known before the activations (contexts are packed first). */
  tokenIds: Int32Array;
  /** String metadata (provenance, seq_len, contexts: `activationFileMetadata`). */
  metadata: Record<string, string>;
}

/** Appends activation rows in order; `finish` publishes the file, `abort` removes the partial one. */
export interface ActivationFileWriter {
  append(rows: Float32Array): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/** A misuse by the calling code, not something a user can fix. */
const internal = { code: 'INTERNAL_SERVER_ERROR' } as const;

/**
 * Streams an activation file (`token_ids` [N] I32, then `activations` [N, d_in] F32; see
 * `activation-file-format.ts`) to disk as rows arrive, through `@atlas/safetensors`' streaming
 * writer, so extraction holds one batch in memory, not the whole matrix. Every size is known up
 * front, so the header is written first. The bytes go to a temporary file that is renamed over
 * `file` only when all rows are in: a killed extraction never leaves a file that looks complete
 * (and the next writer of `file` removes the killed one's temporary file).
 */
export async function createActivationFileWriter(file: string, layout: ActivationFileLayout): Promise<ActivationFileWriter> {
  const { rows, dIn, tokenIds, metadata } = layout;
  if (tokenIds.length !== rows) throw new ActivationFileError(`tokenIds has ${tokenIds.length} entries for ${rows} rows.`, internal);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const writer = await createSafetensorsWriter(
    file,
    { [TOKEN_IDS_TENSOR]: { dtype: 'I32', shape: [rows] }, [ACTIVATIONS_TENSOR]: { dtype: 'F32', shape: [rows, dIn] } },
    metadata,
  );
  try {
    await writer.append(TOKEN_IDS_TENSOR, tokenIds);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  let written = 0;
  return {
    async append(batch) {
      if (batch.length % dIn !== 0) throw new ActivationFileError(`An activation batch of ${batch.length} values is not whole rows of ${dIn}.`, internal);
      if (written + batch.length / dIn > rows) throw new ActivationFileError(`More than the ${rows} announced rows were appended to ${file}.`, internal);
      await writer.append(ACTIVATIONS_TENSOR, batch);
      written += batch.length / dIn;
    },
    async finish() {
      if (written !== rows) {
        await writer.abort();
        throw new ActivationFileError(`${file}: extraction produced ${written} rows of the ${rows} announced; nothing was written.`);
      }
      await writer.finish();
    },
    abort: () => writer.abort(),
  };
}
