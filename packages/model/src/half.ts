/** IEEE half-precision ↔ float32, for graphs whose activations or logits are fp16. */

const scratch = new DataView(new ArrayBuffer(4));

/** One fp16 bit pattern as a number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** A number as the nearest fp16 bit pattern (round to nearest even; overflow → ±Infinity). */
export function floatToHalf(value: number): number {
  scratch.setFloat32(0, value);
  const x = scratch.getUint32(0);
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (half + (rest > midpoint || (rest === midpoint && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0));
}

/** Float32 copy of an fp16 tensor's data (onnxruntime hands fp16 out as Uint16Array bit patterns, or Float16Array where the runtime has one). */
export function halvesToFloats(data: ArrayLike<number>, isBits: boolean): Float32Array {
  return isBits ? Float32Array.from(data, halfToFloat) : Float32Array.from(data);
}

/** fp16 bit patterns of `values`. */
export function floatsToHalves(values: ArrayLike<number>): Uint16Array {
  return Uint16Array.from(values, floatToHalf);
}
