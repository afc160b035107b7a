import { DTYPES, checkSpec, checkTensor, elementCount } from './dtypes.ts';
import type { DType, Tensor } from './types.ts';
import { SafetensorsError } from './types.ts';

/** A tensor's header entry before its data exists: the streaming writer announces these first. */
export interface TensorSpec {
  dtype: DType;
  shape: number[];
}

/** Bytes of a tensor's data. */
export function tensorBytes(spec: TensorSpec): number {
  return elementCount(spec.shape) * DTYPES[spec.dtype].bytes;
}

/**
 * The file's first bytes: the 8-byte little-endian header length, then the JSON header
 * (`__metadata__` first when there is any, then each tensor in the order given with consecutive
 * `data_offsets`) padded with spaces so the data starts on an 8-byte boundary.
 */
export function encodeHeader(specs: Record<string, TensorSpec>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') throw new SafetensorsError(`metadata["${key}"] must be a string.`);
    }
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, spec] of Object.entries(specs)) {
    if (name === '__metadata__') throw new SafetensorsError('"__metadata__" is reserved and cannot name a tensor.');
    checkSpec(name, spec);
    const bytes = tensorBytes(spec);
    header[name] = { dtype: spec.dtype, shape: spec.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  const headerBytes = new Uint8Array(8 + padded).fill(0x20);
  new DataView(headerBytes.buffer).setBigUint64(0, BigInt(padded), true);
  headerBytes.set(json, 8);
  return headerBytes;
}

/**
 * The file as a list of byte chunks: the header (`encodeHeader`), then each tensor's bytes in
 * the order given (views on the tensors' own arrays, not copies).
 */
export function serializeSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array[] {
  const header = encodeHeader(tensors, metadata);
  const chunks = Object.entries(tensors).map(([name, tensor]) => {
    checkTensor(name, tensor);
    return new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensorBytes(tensor));
  });
  return [header, ...chunks];
}
