import onnxProto from 'onnx-proto';
import type { onnx as proto } from 'onnx-proto';

// onnx-proto is CommonJS without named-export hints, so Node's ESM loader (tsx, the CLI) sees
// only its default export. The value comes from there; the merged namespace re-exports the types.
export const onnx = onnxProto.onnx;
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace onnx {
  export type IModelProto = proto.IModelProto;
  export type IGraphProto = proto.IGraphProto;
  export type INodeProto = proto.INodeProto;
  export type IValueInfoProto = proto.IValueInfoProto;
  export type ITensorProto = proto.ITensorProto;
  export type IAttributeProto = proto.IAttributeProto;
  export type ITypeProto = proto.ITypeProto;
  export type ModelProto = proto.ModelProto;
  export type GraphProto = proto.GraphProto;
  export type NodeProto = proto.NodeProto;
  export type ValueInfoProto = proto.ValueInfoProto;
  export type TensorProto = proto.TensorProto;
  export type AttributeProto = proto.AttributeProto;
}

/** ONNX element types used in this project (onnx.TensorProto.DataType). */
export const DataType = {
  FLOAT: onnx.TensorProto.DataType.FLOAT,
  FLOAT16: onnx.TensorProto.DataType.FLOAT16,
  INT32: onnx.TensorProto.DataType.INT32,
  INT64: onnx.TensorProto.DataType.INT64,
  BOOL: onnx.TensorProto.DataType.BOOL,
} as const;

export type AttributeValue = number | string | number[] | onnx.ITensorProto;

/**
 * A dense tensor initializer. Float data is stored as raw little-endian bytes. A Uint16Array
 * holds IEEE half bit patterns and makes a FLOAT16 tensor.
 */
export function makeTensor(
  name: string,
  dims: readonly number[],
  data: Float32Array | Int32Array | BigInt64Array | Uint16Array,
): onnx.TensorProto {
  const dataType =
    data instanceof Float32Array ? DataType.FLOAT
    : data instanceof Int32Array ? DataType.INT32
    : data instanceof Uint16Array ? DataType.FLOAT16
    : DataType.INT64;
  return onnx.TensorProto.create({
    name,
    dims: [...dims],
    dataType,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

function makeAttribute(name: string, value: AttributeValue): onnx.AttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') {
    return onnx.AttributeProto.create({ name, type: AttributeType.STRING, s: new TextEncoder().encode(value) });
  }
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? onnx.AttributeProto.create({ name, type: AttributeType.INT, i: value })
      : onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f: value });
  }
  if (Array.isArray(value)) {
    return onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: value });
  }
  return onnx.AttributeProto.create({ name, type: AttributeType.TENSOR, t: value });
}

/** One node. Integer-valued numbers become INT attributes; use `{ alpha: 0.5 }` style for floats. */
export function makeNode(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Record<string, AttributeValue> = {},
  name?: string,
): onnx.NodeProto {
  return onnx.NodeProto.create({
    opType,
    input: [...inputs],
    output: [...outputs],
    name: name ?? `${opType}_${outputs[0] ?? ''}`,
    attribute: Object.entries(attributes).map(([key, value]) => makeAttribute(key, value)),
  });
}

/** A graph input/output. String dims are symbolic (e.g. 'batch'). */
export function makeValueInfo(
  name: string,
  elemType: number,
  dims: readonly (number | string)[],
): onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

export interface GraphSpec {
  name: string;
  nodes: onnx.INodeProto[];
  inputs: onnx.IValueInfoProto[];
  outputs: onnx.IValueInfoProto[];
  initializers?: onnx.ITensorProto[];
  opset?: number;
}

export function makeModel(spec: GraphSpec): onnx.ModelProto {
  return onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'feature-atlas',
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    graph: {
      name: spec.name,
      node: spec.nodes,
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers ?? [],
    },
  });
}

export function encodeModel(model: onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}

