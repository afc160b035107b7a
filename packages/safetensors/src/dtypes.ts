import type { DType, Tensor } from './types.ts';
import { SafetensorsError } from './types.ts';

/** Bytes per element, and the typed array that holds each dtype. */
export const DTYPES = {
  F32: { bytes: 4, array: Float32Array },
  F16: { bytes: 2, array: Uint16Array },
  BF16: { bytes: 2, array: Uint16Array },
  I32: { bytes: 4, array: Int32Array },
  I64: { bytes: 8, array: BigInt64Array },
} as const;

export const SUPPORTED_DTYPES = Object.keys(DTYPES) as DType[];

export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && value in DTYPES;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

let halfTable: Float32Array | undefined;

/** All 65,536 half-precision values, decoded once (subnormals, infinities and NaN included). */
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let bits = 0; bits < 65536; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    let value: number;
    if (exponent === 0) value = mantissa * 2 ** -24;
    else if (exponent === 31) value = mantissa === 0 ? Infinity : NaN;
    else value = (1 + mantissa / 1024) * 2 ** (exponent - 15);
    halfTable[bits] = sign * value;
  }
  return halfTable;
}

/**
 * A tensor's values as float32: F32 is returned as is (not copied), F16/BF16 are decoded,
 * integers are converted (I64 beyond 2^24 loses precision, as float32 must).
 */
export function toFloat32(tensor: Tensor): Float32Array {
  const { dtype, data } = tensor;
  if (dtype === 'F32') return data as Float32Array;
  if (dtype === 'F16') {
    const table = halfToFloatTable();
    const bits = data as Uint16Array;
    const out = new Float32Array(bits.length);
    for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]!]!;
    return out;
  }
  if (dtype === 'BF16') {
    const bits = data as Uint16Array;
    const out = new Float32Array(bits.length);
    const outBits = new Uint32Array(out.buffer);
    for (let i = 0; i < bits.length; i++) outBits[i] = bits[i]! << 16;
    return out;
  }
  if (dtype === 'I64') return Float32Array.from(data as BigInt64Array, (v) => Number(v));
  return Float32Array.from(data as Int32Array);
}

/** Encodes float32 values as F16 or BF16 bits (round to nearest, ties to even; NaN stays NaN). */
export function fromFloat32(values: Float32Array, dtype: 'F16' | 'BF16'): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = dtype === 'BF16' ? floatBitsToBf16(bits[i]!) : floatBitsToHalf(bits[i]!);
  }
  return out;
}

function floatBitsToBf16(f: number): number {
  if ((f & 0x7fffffff) > 0x7f800000) return ((f >>> 16) | 0x40) & 0xffff; // quiet NaN
  const rounded = f + 0x7fff + ((f >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

function floatBitsToHalf(f: number): number {
  const sign = (f >>> 16) & 0x8000;
  const exponent = (f >>> 23) & 0xff;
  const mantissa = f & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - e;
    const half = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    const roundUp = remainder > midpoint || (remainder === midpoint && (half & 1) === 1);
    return sign | (half + (roundUp ? 1 : 0));
  }
  const half = (e << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  const roundUp = remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1);
  return sign | (half + (roundUp ? 1 : 0)); // a carry into the exponent rounds up correctly (to inf at the top)
}

/** Checks that a tensor's dtype is supported and its shape a list of non-negative integers. */
export function checkSpec(name: string, spec: { dtype: DType; shape: number[] }): void {
  if (!isDType(spec.dtype)) {
    throw new SafetensorsError(
      `Tensor "${name}" has unsupported dtype ${JSON.stringify(spec.dtype)}; supported: ${SUPPORTED_DTYPES.join(', ')}.`,
    );
  }
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SafetensorsError(`Tensor "${name}" has an invalid shape ${JSON.stringify(spec.shape)}.`);
  }
}

/** Checks that `data` is the typed array a tensor of `dtype` holds. */
export function checkArrayType(name: string, dtype: DType, data: Tensor['data']): void {
  const expected = DTYPES[dtype].array;
  if (!(data instanceof expected)) {
    throw new SafetensorsError(`Tensor "${name}" is ${dtype} and needs a ${expected.name}, got ${data?.constructor?.name}.`);
  }
}

/** Checks that a tensor's array type and length agree with its dtype and shape. */
export function checkTensor(name: string, tensor: Tensor): void {
  checkSpec(name, tensor);
  checkArrayType(name, tensor.dtype, tensor.data);
  const count = elementCount(tensor.shape);
  if (tensor.data.length !== count) {
    throw new SafetensorsError(
      `Tensor "${name}" has shape [${tensor.shape.join(', ')}] (${count} elements) but ${tensor.data.length} values.`,
    );
  }
}
