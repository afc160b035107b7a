import { open } from 'node:fs/promises';
import { readSafetensors, readSafetensorsHeader, toFloat32 } from '@atlas/safetensors';
import { UserError } from './errors.ts';
import type { ContextRef, ExtractedActivations } from './steps/extract-activations.ts';

/**
 * Provenance in the activation file `atlas extract` writes (streamed: see activation-file-writer.ts) and `atlas
 * train` reads: safetensors with `activations` [N, d_in] F32 and `token_ids` [N] I32; provenance
 * and contexts in the metadata.
 */
export interface ActivationFileMetadata {
  model: string;
  hook: string;
  corpus: string;
}

type Parsed = Awaited<ReturnType<typeof readSafetensors>>;

/** Reads an activation matrix; files from elsewhere need only the `activations` tensor. */
export async function readActivationMatrix(
  file: string,
  parsed?: Parsed,
): Promise<{ activations: Float32Array; rows: number; dIn: number; metadata: Record<string, string> }> {
  const { tensors, metadata } = parsed ?? (await readSafetensors(file));
  const tensor = tensors.activations;
  if (!tensor) {
    throw new UserError(`${file} has no tensor named "activations" (found: ${Object.keys(tensors).join(', ') || 'none'}).`);
  }
  if (tensor.shape.length !== 2) {
    throw new UserError(`${file}: "activations" must be 2-D [N, d_in]; its shape is [${tensor.shape.join(', ')}].`);
  }
  const [rows, dIn] = tensor.shape as [number, number];
  return { activations: toFloat32(tensor), rows, dIn, metadata: metadata ?? {} };
}

/**
 * Reads what the pipeline keeps in memory from an activation file it wrote: the header, token ids
 * and contexts. The activation rows stay on disk (`openActivationSource(file)` reads them in chunks).
 */
export async function readActivationFile(file: string): Promise<ExtractedActivations> {
  const { entries, dataStart, metadata } = await readSafetensorsHeader(file);
  const activations = entries.find((entry) => entry.name === 'activations');
  const tokens = entries.find((entry) => entry.name === 'token_ids');
  const seqLen = Number(metadata.seq_len);
  if (!activations || activations.shape.length !== 2 || !tokens || tokens.dtype !== 'I32' || !metadata.contexts || !Number.isInteger(seqLen) || seqLen < 1) {
    throw new UserError(`${file} lacks activations, token_ids or context metadata; re-run \`atlas extract\` to make a complete file.`);
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
