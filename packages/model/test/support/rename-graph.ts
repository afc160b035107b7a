/**
 * Renames a model's nodes, tensors and weights, so tests can check that nothing depends on an
 * exporter's names. Graph inputs and outputs (`input_ids`, `logits`, `present.*`) keep theirs: they
 * are the interface the runtime feeds and reads.
 */
import type { onnx } from '@atlas/onnx';

export type NamingScheme =
  /** Every node `n17`, every inner tensor `t17`, every weight `w17`: nothing meaningful left. */
  | 'opaque'
  /** Nodes without names (ONNX allows it), tensors and weights opaque. */
  | 'unnamed'
  /** Substring replacements applied to node, tensor and weight names, e.g. `['/model/layers.', '/decoder/block_']`. */
  | readonly (readonly [string, string])[];

export function renameGraph(model: onnx.IModelProto, scheme: NamingScheme): onnx.IModelProto {
  const graph = model.graph ?? {};
  const kept = new Set([...(graph.input ?? []), ...(graph.output ?? [])].map((info) => info.name ?? ''));
  const weights = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const names = new Map<string, string>();
  const rename = (name: string | null | undefined): string => {
    if (!name || kept.has(name)) return name ?? '';
    let renamed = names.get(name);
    if (renamed === undefined) {
      renamed = typeof scheme === 'string' ? `${weights.has(name) ? 'w' : 't'}${names.size}` : replaceAll(name, scheme);
      names.set(name, renamed);
    }
    return renamed;
  };
  const nodeName = (node: onnx.INodeProto, i: number) =>
    scheme === 'unnamed' ? '' : scheme === 'opaque' ? `n${i}` : replaceAll(node.name ?? '', scheme);
  return {
    ...model,
    graph: {
      ...graph,
      node: (graph.node ?? []).map((node, i) => ({
        ...node,
        name: nodeName(node, i),
        input: (node.input ?? []).map(rename),
        output: (node.output ?? []).map(rename),
      })),
      initializer: (graph.initializer ?? []).map((tensor) => ({ ...tensor, name: rename(tensor.name) })),
      valueInfo: (graph.valueInfo ?? []).map((info) => ({ ...info, name: rename(info.name) })),
    },
  };
}

function replaceAll(name: string, pairs: readonly (readonly [string, string])[]): string {
  return pairs.reduce((text, [from, to]) => text.split(from).join(to), name);
}
