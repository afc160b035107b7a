import { toFloat32 } from '@atlas/safetensors';
import type { Tensor } from '@atlas/safetensors';
import { SaeError } from '../sae-error.ts';

/**
 * A weight tensor of a checkpoint as float32 (F16/BF16 decoded), checked for presence, dtype and
 * shape; `file` names the weights file and `expectation` says where the expected shape comes from.
 */
export function floatWeight(
  tensors: Record<string, Tensor>,
  name: string,
  expected: readonly number[],
  file: string,
  expectation: string,
): Float32Array {
  const tensor = tensors[name];
  if (!tensor) throw new SaeError(`${file}: missing tensor ${name}; it holds [${Object.keys(tensors).join(', ')}].`);
  if (tensor.shape.length !== expected.length || tensor.shape.some((d, i) => d !== expected[i])) {
    throw new SaeError(`${file}: ${name} has shape [${tensor.shape.join(', ')}] but ${expectation} expects [${expected.join(', ')}].`);
  }
  if (tensor.dtype !== 'F32' && tensor.dtype !== 'F16' && tensor.dtype !== 'BF16') {
    throw new SaeError(`${file}: ${name} is ${tensor.dtype}; SAE weights must be F32, F16 or BF16.`);
  }
  return toFloat32(tensor);
}
