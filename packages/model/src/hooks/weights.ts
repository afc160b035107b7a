import type { onnx } from '@atlas/onnx';
import { intAttribute, type GraphIndex } from './graph-index.ts';

/** [rows, cols] of a constant 2-D tensor: an initializer or Constant, directly or behind Transpose/Cast/Identity. */
export function constantDims(index: GraphIndex, tensor: string, depth = 0): [number, number] | undefined {
  const initializer = index.initializers.get(tensor);
  const node = index.producer.get(tensor);
  const constant = node?.opType === 'Constant' ? (node.attribute ?? []).find((attribute) => attribute.name === 'value')?.t : undefined;
  const dims = (initializer ?? constant)?.dims?.map(Number);
  if (dims) return dims.length === 2 ? [dims[0]!, dims[1]!] : undefined;
  if (!node || depth > 8 || (node.input ?? []).length !== 1) return undefined;
  const inner = constantDims(index, node.input![0]!, depth + 1);
  if (!inner) return undefined;
  if (node.opType === 'Cast' || node.opType === 'Identity') return inner;
  if (node.opType !== 'Transpose') return undefined;
  const perm = (node.attribute ?? []).find((attribute) => attribute.name === 'perm')?.ints?.map(Number);
  return !perm || (perm[0] === 1 && perm[1] === 0) ? [inner[1], inner[0]] : inner;
}

/** A product of data by a constant weight: `data · W`, W of shape [inWidth, outWidth]. */
export interface WeightProduct {
  data: string;
  inWidth: number;
  outWidth: number;
}

export const MATMUL_OPS = new Set(['MatMul', 'FusedMatMul']);

/**
 * `data · W` when the node is a MatMul (or onnxruntime's FusedMatMul without transA) whose first
 * input is computed (`derived`) and whose second is a constant 2-D weight; undefined otherwise.
 */
export function weightProduct(index: GraphIndex, node: onnx.INodeProto, derived: ReadonlySet<string>): WeightProduct | undefined {
  if (!MATMUL_OPS.has(node.opType ?? '') || (node.input ?? []).length !== 2) return undefined;
  if (node.opType === 'FusedMatMul' && intAttribute(node, 'transA', 0) !== 0) return undefined;
  const [data, weight] = node.input as [string, string];
  if (!derived.has(data) || derived.has(weight)) return undefined;
  const dims = constantDims(index, weight);
  if (!dims) return undefined;
  const [inWidth, outWidth] = node.opType === 'FusedMatMul' && intAttribute(node, 'transB', 0) === 1 ? [dims[1], dims[0]] : dims;
  return { data, inWidth, outWidth };
}
