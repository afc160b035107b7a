import { DTYPES, checkTensor, elementCount } from './dtypes.ts';
import type { Tensor } from './types.ts';
import { SafetensorsError } from './types.ts';

/**
 * The file as a list of byte chunks: the 8-byte little-endian header length, the JSON header
 * padded with spaces so the data starts on an 8-byte boundary, then each tensor's bytes in the
 * order given (views on the tensors' own arrays, not copies).
 */
export function serializeSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array[] {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') throw new SafetensorsError(`metadata["${key}"] must be a string.`);
    }
    header.__metadata__ = metadata;
  }
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    if (name === '__metadata__') throw new SafetensorsError('"__metadata__" is reserved and cannot name a tensor.');
    checkTensor(name, tensor);
    const bytes = elementCount(tensor.shape) * DTYPES[tensor.dtype].bytes;
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + bytes] };
    chunks.push(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, bytes));
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  const headerBytes = new Uint8Array(8 + padded).fill(0x20);
  new DataView(headerBytes.buffer).setBigUint64(0, BigInt(padded), true);
  headerBytes.set(json, 8);
  return [headerBytes, ...chunks];
}
