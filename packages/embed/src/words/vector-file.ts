import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { EmbedError } from '../embed-error.ts';

/** Word vectors as trained, and as read back (dequantised). */
export interface WordVectorTable {
  dimensions: number;
  /** Most frequent first. */
  words: string[];
  /** Occurrences of each word in the training text. */
  counts: number[];
  /** All word occurrences in the training text (for the unigram probability of SIF weights). */
  totalWords: number;
  /** words × dimensions, each row of unit length. */
  vectors: Float32Array;
  /** SIF's common component (unit length), removed from every phrase vector; zeros for none. */
  commonComponent: Float32Array;
  /** How the vectors were made (corpus, window, rank, …), kept for the record. */
  training: Record<string, unknown>;
}

const MAGIC = 'ATLASWV1';

/**
 * Compact file: `ATLASWV1`, a uint32 header length, a JSON header (words, counts, training
 * record, common component), then each row as int8 with one float32 scale per row (max |x| /
 * 127). A unit vector loses < 0.5% of its cosine to the rounding; 32k × 128 words fit in 4.3 MB.
 */
export async function writeWordVectors(path: string, table: WordVectorTable): Promise<void> {
  const { dimensions, words } = table;
  const quantised = new Int8Array(words.length * dimensions);
  const scales = new Float32Array(words.length);
  for (let w = 0; w < words.length; w++) {
    let max = 0;
    for (let d = 0; d < dimensions; d++) max = Math.max(max, Math.abs(table.vectors[w * dimensions + d]!));
    const scale = max / 127 || 1;
    scales[w] = scale;
    for (let d = 0; d < dimensions; d++) quantised[w * dimensions + d] = Math.round(table.vectors[w * dimensions + d]! / scale);
  }
  let header = Buffer.from(
    JSON.stringify({
      format: 'feature-atlas-word-vectors', version: 1, dimensions, totalWords: table.totalWords, training: table.training,
      commonComponent: Array.from(table.commonComponent, (v) => Number(v.toPrecision(6))), words, counts: table.counts,
    }),
  );
  // Pad so the int8 block, hence the float32 block after it (dimensions % 4 = 0), starts 4-aligned.
  header = Buffer.concat([header, Buffer.alloc((4 - ((MAGIC.length + 4 + header.length) % 4)) % 4, ' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const temp = `${path}.tmp`;
  await writeFile(temp, Buffer.concat([Buffer.from(MAGIC), length, header, Buffer.from(quantised.buffer), Buffer.from(scales.buffer)]));
  await rename(temp, path);
}

export function readWordVectors(path: string): WordVectorTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new EmbedError(`No word-vector file at ${path}: ${(error as Error).message}.`, { code: 'NOT_FOUND' });
  }
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) {
    throw new EmbedError(`${path} is not a word-vector file (it does not start with ${MAGIC}).`);
  }
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(start, start + headerLength).toString()) as {
    dimensions: number; totalWords: number; training: Record<string, unknown>; commonComponent: number[]; words: string[]; counts: number[];
  };
  const { dimensions, words } = header;
  const dataStart = start + headerLength;
  const expected = dataStart + words.length * dimensions + words.length * 4;
  if (bytes.length !== expected) throw new EmbedError(`${path} is truncated or corrupt: ${bytes.length} bytes, expected ${expected}.`);
  const quantised = new Int8Array(bytes.buffer, bytes.byteOffset + dataStart, words.length * dimensions);
  const scaleBytes = bytes.subarray(dataStart + words.length * dimensions, expected);
  const scales = new Float32Array(new Uint8Array(scaleBytes).buffer);
  const vectors = new Float32Array(words.length * dimensions);
  for (let w = 0; w < words.length; w++) {
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += (quantised[w * dimensions + d]! * scales[w]!) ** 2;
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dimensions; d++) vectors[w * dimensions + d] = quantised[w * dimensions + d]! * scales[w]! * inverse;
  }
  return {
    dimensions, words, counts: header.counts, totalWords: header.totalWords, vectors,
    commonComponent: Float32Array.from(header.commonComponent), training: header.training,
  };
}
