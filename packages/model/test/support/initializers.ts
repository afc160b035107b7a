/** Reads weights out of a decoded ONNX graph, for tests that recompute parts of a real model. */
import { DataType, type onnx } from '@atlas/onnx';
import { halvesToFloats } from '../../src/half.ts';

function tensorToFloats(tensor: onnx.ITensorProto): Float32Array {
  // Copy: a decoded Buffer may be a view into a shared pool, so its .buffer is not just this tensor.
  const raw = tensor.rawData ? new Uint8Array(tensor.rawData) : undefined;
  if (tensor.dataType === DataType.FLOAT) {
    if (raw && raw.length > 0) return new Float32Array(raw.buffer);
    return Float32Array.from(tensor.floatData ?? []);
  }
  if (tensor.dataType === DataType.FLOAT16) {
    const halves = raw && raw.length > 0 ? new Uint16Array(raw.buffer) : Uint16Array.from(tensor.int32Data ?? []);
    return halvesToFloats(halves, true);
  }
  throw new Error(`Initializer ${tensor.name} has data type ${tensor.dataType}, not a float type.`);
}

/** The float values behind a tensor name: an initializer, possibly reached through Cast/Identity nodes. */
export function readFloatTensor(graph: onnx.IGraphProto, name: string): Float32Array {
  const initializer = (graph.initializer ?? []).find((tensor) => tensor.name === name);
  if (initializer) return tensorToFloats(initializer);
  const producer = (graph.node ?? []).find((node) => node.output?.includes(name));
  if (producer && (producer.opType === 'Cast' || producer.opType === 'Identity')) {
    return readFloatTensor(graph, producer.input![0]!);
  }
  const constant = producer?.opType === 'Constant' ? producer.attribute?.find((a) => a.name === 'value')?.t : undefined;
  if (constant) return tensorToFloats(constant);
  throw new Error(`No initializer behind tensor ${name} (producer: ${producer?.opType ?? 'none'}).`);
}

/** The node consuming `tensor` with the given op type. */
export function consumer(graph: onnx.IGraphProto, tensor: string, opType: string): onnx.INodeProto {
  const node = (graph.node ?? []).find((n) => n.opType === opType && n.input?.includes(tensor));
  if (!node) throw new Error(`No ${opType} node reads ${tensor}.`);
  return node;
}

export function floatAttribute(node: onnx.INodeProto, name: string, fallback: number): number {
  const attribute = node.attribute?.find((a) => a.name === name);
  return attribute?.f ?? fallback;
}
