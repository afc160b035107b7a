import { describeNode, type GraphIndex } from './graph-index.ts';
import { mixesPositions, type Branch } from './branches.ts';
import { weightProduct } from './weights.ts';

export type OutputProjection = { tensor: string; width: number } | { reason: string };

/**
 * `attn.hook_z`: the data input of the attention branch's output projection — the first product
 * by a constant weight after the positions are mixed (q·kᵀ and probabilities·v, or a fused
 * attention kernel) — when that weight maps to d_model. Otherwise why there is none.
 */
export function findOutputProjection(index: GraphIndex, branch: Branch, derived: ReadonlySet<string>, dModel: number, layer: number): OutputProjection {
  const mixed = new Set<string>();
  for (const node of branch.nodes) {
    const mixing = mixesPositions(node, derived);
    const afterMixing = (node.input ?? []).some((input) => mixed.has(input));
    if (!mixing && afterMixing) {
      const product = weightProduct(index, node, derived);
      if (product) {
        if (product.outWidth === dModel && mixed.has(product.data)) return { tensor: product.data, width: product.inWidth };
        return { reason: `in block ${layer}'s attention branch the first product by a weight after the attention mixing (${describeNode(node)}) maps ${product.inWidth} to ${product.outWidth} columns, not d_model ${dModel}` };
      }
    }
    if (mixing || afterMixing) for (const output of node.output ?? []) if (output) mixed.add(output);
  }
  return {
    reason:
      `no product by a constant [n_heads·d_head, d_model] weight follows the attention mixing in block ${layer}'s ` +
      'attention branch (the output projection is fused into another kernel, or its weight is computed at run time)',
  };
}
