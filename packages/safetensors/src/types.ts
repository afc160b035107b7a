import { AtlasError } from '@atlas/errors';

/** Element types this package reads and writes (safetensors dtype names). */
export type DType = 'F32' | 'F16' | 'BF16' | 'I32' | 'I64';

/**
 * One tensor. `data` holds the elements row-major in the dtype's natural array:
 * F32 → Float32Array, F16/BF16 → Uint16Array (raw bits; see `toFloat32`), I32 → Int32Array,
 * I64 → BigInt64Array.
 */
export interface Tensor {
  dtype: DType;
  shape: number[];
  data: Float32Array | Int32Array | BigInt64Array | Uint16Array;
}

export interface SafetensorsFile {
  tensors: Record<string, Tensor>;
  /** The header's `__metadata__` (string → string), empty when absent. */
  metadata: Record<string, string>;
}

/** Raised for unreadable, malformed or inconsistent safetensors files and invalid tensors. */
export class SafetensorsError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'SafetensorsError';
}
