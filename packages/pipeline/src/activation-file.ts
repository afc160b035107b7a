import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readSafetensors, toFloat32, writeSafetensors } from '@atlas/safetensors';
import { UserError } from './errors.ts';
import type { ContextRef, ExtractedActivations } from './steps/extract-activations.ts';

export interface ActivationFileMetadata {
  model: string;
  hook: string;
  corpus: string;
}

/**
 * The activation file `atlas extract` writes and `atlas train` reads: safetensors with
 * `activations` [N, d_in] F32 and `token_ids` [N] I32; provenance and contexts in the metadata.
 */
export async function writeActivationFile(
  file: string,
  extracted: ExtractedActivations,
  metadata: ActivationFileMetadata,
): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeSafetensors(
    file,
    {
      activations: { dtype: 'F32', shape: [extracted.rows, extracted.dIn], data: extracted.activations },
      token_ids: { dtype: 'I32', shape: [extracted.rows], data: extracted.tokenIds },
    },
    {
      ...metadata,
      seq_len: String(extracted.seqLen),
      contexts: JSON.stringify(extracted.contexts.map((c) => [c.documentId, c.startToken])),
    },
  );
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

/** Reads a file written by writeActivationFile back into the pipeline's in-memory form. */
export async function readActivationFile(file: string): Promise<ExtractedActivations> {
  const parsed = await readSafetensors(file);
  const { tensors } = parsed;
  const { activations, rows, dIn, metadata } = await readActivationMatrix(file, parsed);
  const tokenTensor = tensors.token_ids;
  const seqLen = Number(metadata.seq_len);
  if (!tokenTensor || !metadata.contexts || !Number.isInteger(seqLen) || seqLen < 1) {
    throw new UserError(`${file} lacks token_ids or context metadata; re-run \`atlas extract\` to make a complete file.`);
  }
  const tokenIds = new Int32Array(tokenTensor.data as Int32Array);
  const pairs = JSON.parse(metadata.contexts) as [string, number][];
  const contexts: ContextRef[] = pairs.map(([documentId, startToken], index) => ({
    documentId,
    startToken,
    tokenIds: Array.from(tokenIds.subarray(index * seqLen, (index + 1) * seqLen)),
  }));
  return { activations, tokenIds, rows, dIn, seqLen, contexts };
}
