import type { onnx } from '@atlas/onnx';
import { ModelError } from './errors.ts';

/** Block scopes tried when config.json names none; `{layer}` is the block index. */
export const DEFAULT_HOOK_SCOPES = ['/blocks.{layer}/', '/transformer/h.{layer}/'] as const;

export type HookKind = 'hook_resid_pre' | 'hook_resid_mid' | 'hook_resid_post';

/** A TransformerLens-named point of the residual stream and the graph tensor that holds it. */
export interface HookPoint {
  /** e.g. `blocks.2.hook_resid_post`. */
  name: string;
  layer: number;
  kind: HookKind;
  /** Name of the graph tensor (the output of a residual `Add`, or its residual input). */
  tensor: string;
}

export interface FoundHooks {
  /** Block scope pattern that matched, e.g. `/blocks.{layer}/`. */
  scope: string;
  layerCount: number;
  /** In layer order: pre, mid, post of block 0, then block 1, ... (pre and mid only where found). */
  hooks: HookPoint[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `/blocks.{layer}/` → a regex for an Add node directly in that scope, capturing the layer. */
function scopeRegExp(scope: string): RegExp {
  if (!scope.includes('{layer}')) throw new ModelError(`Hook scope "${scope}" must contain {layer}.`);
  const [before, after] = scope.split('{layer}') as [string, string];
  return new RegExp(`^${escapeRegExp(before)}(\\d+)${escapeRegExp(after)}[^/]+$`);
}

/**
 * Finds the residual-stream hook points of a pre-LN transformer graph. In each block scope the
 * `Add` nodes that are direct children (not inside `attn/` or `mlp/`) are the residual additions:
 * the last one's output is `hook_resid_post`; with exactly two, the first one's output is
 * `hook_resid_mid`; the input of the first one that comes from outside the block is
 * `hook_resid_pre`.
 */
export function findHookPoints(graph: onnx.IGraphProto, scopes: readonly string[] = DEFAULT_HOOK_SCOPES): FoundHooks {
  const nodes = graph.node ?? [];
  for (const scope of scopes) {
    const pattern = scopeRegExp(scope);
    const addsByLayer = new Map<number, onnx.INodeProto[]>();
    for (const node of nodes) {
      if (node.opType !== 'Add') continue;
      const match = pattern.exec(node.name ?? '');
      if (!match) continue;
      const layer = Number(match[1]);
      addsByLayer.set(layer, [...(addsByLayer.get(layer) ?? []), node]);
    }
    if (addsByLayer.size === 0) continue;
    return { scope, layerCount: addsByLayer.size, hooks: hooksOfLayers(addsByLayer, scope, nodes) };
  }
  const sample = nodes
    .slice(0, 5)
    .map((node) => node.name)
    .join(', ');
  throw new ModelError(
    `No transformer blocks found in the ONNX graph. Expected residual Add nodes named like ` +
      `${scopes.map((scope) => `"${scope.replace('{layer}', '0')}Add"`).join(' or ')} ` +
      `(block scopes ${scopes.join(', ')}; set "feature_atlas": {"hook_scope": "/your.scope.{layer}/"} in ` +
      `config.json for other exports). First nodes of this graph: ${sample}.`,
  );
}

function hooksOfLayers(
  addsByLayer: Map<number, onnx.INodeProto[]>,
  scope: string,
  nodes: readonly onnx.INodeProto[],
): HookPoint[] {
  const producer = new Map<string, string>();
  for (const node of nodes) for (const output of node.output ?? []) producer.set(output, node.name ?? '');
  const hooks: HookPoint[] = [];
  for (let layer = 0; layer < addsByLayer.size; layer++) {
    const adds = addsByLayer.get(layer);
    const prefix = scope.replace('{layer}', String(layer));
    if (!adds) {
      throw new ModelError(`Block scope ${prefix} has no residual Add nodes, but later blocks do.`);
    }
    if (adds.length < 2) {
      throw new ModelError(
        `Block scope ${prefix} has ${adds.length} direct Add node; a pre-LN block has two residual additions.`,
      );
    }
    const first = adds[0]!;
    const residual = (first.input ?? []).filter((input) => !(producer.get(input) ?? '').startsWith(prefix));
    if (residual.length === 1) {
      hooks.push({ name: `blocks.${layer}.hook_resid_pre`, layer, kind: 'hook_resid_pre', tensor: residual[0]! });
    }
    if (adds.length === 2) {
      hooks.push({ name: `blocks.${layer}.hook_resid_mid`, layer, kind: 'hook_resid_mid', tensor: first.output![0]! });
    }
    const last = adds[adds.length - 1]!;
    hooks.push({ name: `blocks.${layer}.hook_resid_post`, layer, kind: 'hook_resid_post', tensor: last.output![0]! });
  }
  return hooks;
}

/** Scopes to try for a model: the one config.json declares, else the defaults. */
export function hookScopesFor(configScope: string | undefined): readonly string[] {
  return configScope ? [configScope] : DEFAULT_HOOK_SCOPES;
}
