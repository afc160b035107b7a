import { DataType, type onnx } from '@atlas/onnx';

/** Ops whose output has the element type of their first input. */
const SAME_TYPE_AS_INPUT = new Set([
  'Add', 'Sub', 'Mul', 'Div', 'MatMul', 'Gemm', 'Reshape', 'Transpose', 'Identity', 'Concat', 'Softmax',
  'LayerNormalization', 'SimplifiedLayerNormalization', 'Sigmoid', 'Relu', 'Tanh', 'Erf', 'Pow', 'Sqrt',
  'Neg', 'Squeeze', 'Unsqueeze', 'Slice', 'Expand', 'Tile', 'Split', 'ReduceMean', 'Reciprocal', 'Where',
]);

/**
 * The element type of a graph tensor: from value_info / inputs / outputs when declared, else
 * inferred through its producers (a Cast's `to`, an initializer's type, or the first float input
 * of an elementwise op), since exports often omit value_info for intermediate tensors.
 */
export function elementTypeOf(graph: onnx.IGraphProto, tensor: string): number | undefined {
  const declared = new Map<string, number>();
  for (const info of [...(graph.valueInfo ?? []), ...(graph.output ?? []), ...(graph.input ?? [])]) {
    const elemType = info.type?.tensorType?.elemType;
    if (info.name && typeof elemType === 'number') declared.set(info.name, elemType);
  }
  for (const init of graph.initializer ?? []) if (init.name && typeof init.dataType === 'number') declared.set(init.name, init.dataType);
  const producer = new Map<string, onnx.INodeProto>();
  for (const node of graph.node ?? []) for (const output of node.output ?? []) producer.set(output, node);
  const visit = (name: string, depth: number): number | undefined => {
    const known = declared.get(name);
    if (known !== undefined || depth > 64) return known;
    const node = producer.get(name);
    if (!node) return undefined;
    if (node.opType === 'Cast') return Number((node.attribute ?? []).find((a) => a.name === 'to')?.i ?? 0) || undefined;
    if (node.opType === 'Gather') return visit(node.input?.[0] ?? '', depth + 1);
    if (!SAME_TYPE_AS_INPUT.has(node.opType ?? '')) return undefined;
    // Where's first input is the condition; its values come from the other two.
    const candidates = node.opType === 'Where' ? (node.input ?? []).slice(1) : (node.input ?? []);
    for (const input of candidates) {
      const type = visit(input, depth + 1);
      if (type === DataType.FLOAT || type === DataType.FLOAT16) return type;
    }
    return undefined;
  };
  return visit(tensor, 0);
}

export function isFloat16(graph: onnx.IGraphProto, tensor: string): boolean {
  return elementTypeOf(graph, tensor) === DataType.FLOAT16;
}
