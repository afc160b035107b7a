import { open } from 'node:fs/promises';
import { readSafetensorsHeader } from '@atlas/safetensors';
import { ActivationFileError } from './activation-file-error.ts';
import { ACTIVATIONS_TENSOR, TOKEN_IDS_TENSOR } from './activation-file-format.ts';
import type { ContextRef, ExtractedActivations } from './activation-file-format.ts';

/**
 * Reads what the pipeline keeps in memory from an activation file it wrote: the header, token ids
 * and contexts. The activation rows stay on disk (`openActivationSource(file)` reads them in chunks).
 */
export async function readActivationFile(file: string): Promise<ExtractedActivations> {
  const { entries, dataStart, metadata } = await readSafetensorsHeader(file);
  const activations = entries.find((entry) => entry.name === ACTIVATIONS_TENSOR);
  const tokens = entries.find((entry) => entry.name === TOKEN_IDS_TENSOR);
  const seqLen = Number(metadata.seq_len);
  if (!activations || activations.shape.length !== 2 || !tokens || tokens.dtype !== 'I32' || !metadata.contexts || !Number.isInteger(seqLen) || seqLen < 1) {
    throw new ActivationFileError(`${file} lacks activations, token_ids or context metadata; re-run \`atlas extract\` to make a complete file.`);
  }
  const [rows, dIn] = activations.shape as [number, number];
  const tokenIds = new Int32Array(tokens.shape[0]!);
  const handle = await open(file, 'r');
  try {
    await handle.read(new Uint8Array(tokenIds.buffer), 0, tokenIds.byteLength, dataStart + tokens.begin);
  } finally {
    await handle.close();
  }
  const pairs = JSON.parse(metadata.contexts) as [string, number][];
  const contexts: ContextRef[] = pairs.map(([documentId, startToken], index) => ({
    documentId,
    startToken,
    tokenIds: Array.from(tokenIds.subarray(index * seqLen, (index + 1) * seqLen)),
  }));
  return { file, tokenIds, rows, dIn, seqLen, contexts };
}
