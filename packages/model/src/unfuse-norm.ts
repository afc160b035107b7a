import { makeNode, type onnx } from '@atlas/onnx';
import { FUSED_RESIDUAL_NORMS } from './hooks/residual-stream.ts';

/**
 * A copy of `model` where the fused residual norm whose sum output (onnxruntime's
 * Skip(Simplified)LayerNormalization, output 3) is `tensor` is written out as `Add`s and a plain
 * norm that reads the sum. The fused kernel normalizes its inputs directly, so an edit to the sum
 * (a splice, a steering vector) would miss the norm's output; written out, it reaches both. Any
 * other graph comes back as it is.
 */
export function unfuseResidualNorm(model: onnx.IModelProto, tensor: string): onnx.IModelProto {
  const nodes = model.graph?.node ?? [];
  const at = nodes.findIndex((node) => FUSED_RESIDUAL_NORMS.has(node.opType ?? '') && node.output?.[3] === tensor);
  if (at < 0) return model;
  const fused = nodes[at]!;
  const simplified = fused.opType === 'SkipSimplifiedLayerNormalization';
  const [input, skip, gamma, ...rest] = fused.input as string[];
  const [beta, bias] = simplified ? [undefined, rest[0]] : [rest[0], rest[1]];
  const [normed, mean, invStd] = (fused.output ?? []) as string[];
  const epsilon = (fused.attribute ?? []).find((attribute) => attribute.name === 'epsilon')?.f;
  const attributes = { axis: -1, ...(epsilon !== undefined && epsilon !== null ? { epsilon } : {}) };
  const name = `${fused.name || tensor}/atlas_unfused`;
  const branch = bias ? `${name}/branch` : input!;
  const written = [
    ...(bias ? [makeNode('Add', [input!, bias], [branch], {}, `${name}/AddBias`)] : []),
    makeNode('Add', [branch, skip!], [tensor], {}, `${name}/Add`),
    simplified
      ? makeNode('SimplifiedLayerNormalization', [tensor, gamma!], trimmed([normed, invStd]), attributes, `${name}/Norm`)
      : makeNode('LayerNormalization', [tensor, gamma!, ...(beta ? [beta] : [])], trimmed([normed, mean, invStd]), attributes, `${name}/Norm`),
  ];
  return { ...model, graph: { ...model.graph, node: [...nodes.slice(0, at), ...written, ...nodes.slice(at + 1)] } };
}

/** Output names with the unnamed optional ones at the end left off. */
function trimmed(names: readonly (string | undefined)[]): string[] {
  const kept = names.map((name) => name ?? '');
  while (kept.length > 1 && kept.at(-1) === '') kept.pop();
  return kept;
}
