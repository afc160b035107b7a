import { gaussian, mulberry32 } from '@atlas/random';

/** `length` standard normal values (times `scale`), the same for the same seed. */
export function randomArray(length: number, seed: number, scale = 1): Float32Array {
  const normal = gaussian(mulberry32(seed));
  return Float32Array.from({ length }, () => normal() * scale);
}
