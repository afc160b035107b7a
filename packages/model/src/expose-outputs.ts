import { DataType, makeNode, makeValueInfo, onnx } from '@atlas/onnx';
import { isFloat16 } from './element-type.ts';

/** A graph tensor to return under a new output name (e.g. a hook name), as float [batch, sequence, width]. */
export interface ExposedTensor {
  tensor: string;
  as: string;
  width: number;
}

/**
 * Returns a copy of `model` whose outputs are exactly `keep` (existing output names) plus the
 * exposed tensors, with every node, initializer and value_info that those outputs do not need
 * removed — so a hook in block 1 runs only the embedding and blocks 0–1, and no logits. Graph
 * inputs are left as they are. The original model is not modified.
 */
export function exposeOutputs(
  model: onnx.IModelProto,
  exposed: readonly ExposedTensor[],
  keep: readonly string[],
): onnx.IModelProto {
  const graph = model.graph ?? {};
  const extraNodes = exposed.map(({ tensor, as }) =>
    isFloat16(graph, tensor)
      ? makeNode('Cast', [tensor], [as], { to: DataType.FLOAT }, `/atlas/expose/${as}`)
      : makeNode('Identity', [tensor], [as], {}, `/atlas/expose/${as}`),
  );
  const outputs = [
    ...(graph.output ?? []).filter((output) => keep.includes(output.name ?? '')),
    ...exposed.map(({ as, width }) => makeValueInfo(as, DataType.FLOAT, ['batch', 'sequence', width])),
  ];
  const nodes = liveNodes([...(graph.node ?? []), ...extraNodes], outputs.map((output) => output.name ?? ''));
  const used = new Set<string>();
  for (const node of nodes) for (const name of referencedNames(node)) used.add(name);
  return {
    ...model,
    graph: {
      ...graph,
      node: nodes,
      output: outputs,
      initializer: (graph.initializer ?? []).filter((tensor) => used.has(tensor.name ?? '')),
      valueInfo: (graph.valueInfo ?? []).filter((info) => used.has(info.name ?? '')),
    },
  };
}

/** Nodes some wanted output depends on, in their original (topological) order. */
function liveNodes(nodes: readonly onnx.INodeProto[], wanted: readonly string[]): onnx.INodeProto[] {
  const needed = new Set(wanted);
  const live: boolean[] = new Array<boolean>(nodes.length).fill(false);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!(node.output ?? []).some((output) => needed.has(output))) continue;
    live[i] = true;
    for (const name of referencedNames(node)) needed.add(name);
  }
  return nodes.filter((_, i) => live[i]);
}

/** A node's inputs, plus every name its subgraphs (If/Loop/Scan bodies) read, which may be outer tensors. */
function referencedNames(node: onnx.INodeProto): string[] {
  const names = [...(node.input ?? [])];
  for (const attribute of node.attribute ?? []) {
    for (const subgraph of [attribute.g, ...(attribute.graphs ?? [])]) {
      for (const inner of subgraph?.node ?? []) names.push(...referencedNames(inner));
    }
  }
  return names.filter((name) => name !== '');
}

/**
 * The suffix of `model` after `tensor`: a copy where every reader of `tensor` reads a new graph
 * input `as` (float `[batch, sequence, width]`; cast back when the tensor is fp16) instead, whose
 * outputs are `keep`, pruned to what they need. Inputs the suffix no longer reads (often
 * `input_ids`) are dropped; those it still reads (the attention mask, positions) stay.
 */
export function spliceInput(
  model: onnx.IModelProto,
  splice: ExposedTensor,
  keep: readonly string[],
): onnx.IModelProto {
  const graph = model.graph ?? {};
  const fp16 = isFloat16(graph, splice.tensor);
  const fed = fp16 ? `${splice.as}/fp16` : splice.as;
  const rewired = (graph.node ?? []).map((node) =>
    (node.input ?? []).includes(splice.tensor)
      ? { ...node, input: (node.input ?? []).map((input) => (input === splice.tensor ? fed : input)) }
      : node,
  );
  const extra = fp16 ? [makeNode('Cast', [splice.as], [fed], { to: DataType.FLOAT16 }, `/atlas/splice/${splice.as}`)] : [];
  const outputs = (graph.output ?? []).filter((output) => keep.includes(output.name ?? ''));
  const nodes = liveNodes([...extra, ...rewired], outputs.map((output) => output.name ?? ''));
  const used = new Set<string>();
  for (const node of nodes) for (const name of referencedNames(node)) used.add(name);
  for (const output of outputs) used.add(output.name ?? '');
  return {
    ...model,
    graph: {
      ...graph,
      node: nodes,
      input: [
        ...(graph.input ?? []).filter((input) => used.has(input.name ?? '')),
        makeValueInfo(splice.as, DataType.FLOAT, ['batch', 'sequence', splice.width]),
      ],
      output: outputs,
      initializer: (graph.initializer ?? []).filter((tensor) => used.has(tensor.name ?? '')),
      valueInfo: (graph.valueInfo ?? []).filter((info) => used.has(info.name ?? '') && info.name !== splice.tensor),
    },
  };
}
