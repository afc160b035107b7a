import type { onnx } from '@atlas/onnx';

/** Lookups over one graph that the hook finder needs: who makes and who reads each tensor. */
export interface GraphIndex {
  nodes: readonly onnx.INodeProto[];
  producer: Map<string, onnx.INodeProto>;
  consumers: Map<string, onnx.INodeProto[]>;
  /** Position of each node in the (topological) node list. */
  order: Map<onnx.INodeProto, number>;
  initializers: Map<string, onnx.ITensorProto>;
  graph: onnx.IGraphProto;
}

export function indexGraph(graph: onnx.IGraphProto): GraphIndex {
  const nodes = graph.node ?? [];
  const producer = new Map<string, onnx.INodeProto>();
  const consumers = new Map<string, onnx.INodeProto[]>();
  const order = new Map<onnx.INodeProto, number>();
  nodes.forEach((node, position) => {
    order.set(node, position);
    for (const output of node.output ?? []) if (output) producer.set(output, node);
    for (const input of new Set(node.input ?? [])) {
      if (!input) continue;
      const readers = consumers.get(input);
      if (readers) readers.push(node);
      else consumers.set(input, [node]);
    }
  });
  const initializers = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  return { nodes, producer, consumers, order, initializers, graph };
}

/** Ops whose output carries the shape or type of an input, not its values. */
const SHAPE_ONLY = new Set(['Shape', 'Size']);

/**
 * Every tensor whose values depend on `source`'s values (`source` included). Paths through
 * `Shape`/`Size` do not count: masks and positions computed from a tensor's length are not
 * computed from its values.
 */
export function valueDescendants(index: GraphIndex, source: string): Set<string> {
  const derived = new Set([source]);
  for (const node of index.nodes) {
    if (SHAPE_ONLY.has(node.opType ?? '')) continue;
    const inputs = node.opType === 'CastLike' ? (node.input ?? []).slice(0, 1) : (node.input ?? []);
    if (inputs.some((input) => derived.has(input))) for (const output of node.output ?? []) if (output) derived.add(output);
  }
  return derived;
}

/** Ops that pass their first input through unchanged (at inference). */
const ALIASES = new Set(['Identity', 'Dropout']);

/** The tensor and every copy of it made by Identity/Dropout nodes. */
export function aliasesOf(index: GraphIndex, tensor: string): string[] {
  const found = [tensor];
  for (let i = 0; i < found.length; i++) {
    for (const node of index.consumers.get(found[i]!) ?? []) {
      if (ALIASES.has(node.opType ?? '') && node.input?.[0] === found[i] && node.output?.[0]) found.push(node.output[0]);
    }
  }
  return found;
}

/** Nodes reading the tensor or one of its aliases (the alias nodes themselves left out). */
export function readersOf(index: GraphIndex, tensor: string): onnx.INodeProto[] {
  const aliases = aliasesOf(index, tensor);
  return aliases.flatMap((alias) =>
    (index.consumers.get(alias) ?? []).filter((node) => !(ALIASES.has(node.opType ?? '') && aliases.includes(node.output?.[0] ?? ''))),
  );
}

export function intAttribute(node: onnx.INodeProto, name: string, fallback: number): number {
  const value = (node.attribute ?? []).find((attribute) => attribute.name === name)?.i;
  return value === undefined || value === null ? fallback : Number(value);
}

/** A node's name for messages: its name, else its op and first output. */
export function describeNode(node: onnx.INodeProto): string {
  return node.name ? `${node.opType} node "${node.name}"` : `${node.opType} node making "${node.output?.[0] ?? '?'}"`;
}
