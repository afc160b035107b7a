import { DataType, makeNode, makeValueInfo, type onnx } from '@atlas/onnx';
import { isFloat16 } from './element-type.ts';

/** A float `[width]` graph input `as`, added to the tensor `tensor` at every position. */
export interface AddedInput {
  tensor: string;
  as: string;
  width: number;
}

/**
 * A copy of `model` where each listed tensor becomes `tensor + input` (the input broadcast over
 * batch and sequence, cast to fp16 where the tensor is fp16) for every node that reads it. Inputs
 * and outputs stay as they are (KV-cache `present.*` included), so one session serves steered
 * generation with a cache; feeding zeros reproduces the original exactly (x + 0 = x).
 */
export function addInputsAt(model: onnx.IModelProto, added: readonly AddedInput[]): onnx.IModelProto {
  const graph = model.graph ?? {};
  let nodes = [...(graph.node ?? [])];
  const inputs = [...(graph.input ?? [])];
  const byTensor = new Map<string, AddedInput[]>();
  for (const entry of added) byTensor.set(entry.tensor, [...(byTensor.get(entry.tensor) ?? []), entry]);
  for (const [tensor, entries] of byTensor) {
    const fp16 = isFloat16(graph, tensor);
    const extra: onnx.INodeProto[] = [];
    let current = tensor;
    for (const { as, width } of entries) {
      inputs.push(makeValueInfo(as, DataType.FLOAT, [width]));
      let delta = as;
      if (fp16) {
        delta = `${as}/fp16`;
        extra.push(makeNode('Cast', [as], [delta], { to: DataType.FLOAT16 }, `/atlas/add/${as}/Cast`));
      }
      const sum = `${as}/sum`;
      extra.push(makeNode('Add', [current, delta], [sum], {}, `/atlas/add/${as}/Add`));
      current = sum;
    }
    nodes = nodes.map((node) =>
      (node.input ?? []).includes(tensor)
        ? { ...node, input: (node.input ?? []).map((input) => (input === tensor ? current : input)) }
        : node,
    );
    // Keep the node list topological: the additions go right after the tensor's producer.
    const at = nodes.findIndex((node) => (node.output ?? []).includes(tensor));
    nodes.splice(at + 1, 0, ...extra);
  }
  return { ...model, graph: { ...graph, node: nodes, input: inputs } };
}
