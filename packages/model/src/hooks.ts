import type { onnx } from '@atlas/onnx';
import { ModelError } from './errors.ts';

/**
 * Block scopes tried when config.json names none; `{layer}` is the block index: torch exports,
 * Optimum's GPT-2 export, and Optimum / transformers.js LLaMA-style exports (Llama, Mistral, Qwen2, …).
 */
export const DEFAULT_HOOK_SCOPES = ['/blocks.{layer}/', '/transformer/h.{layer}/', '/model/layers.{layer}/'] as const;

export type HookKind =
  | 'hook_resid_pre'
  | 'hook_resid_mid'
  | 'hook_resid_post'
  | 'hook_attn_out'
  | 'hook_mlp_out'
  | 'attn.hook_z';

/** A TransformerLens-named point of the residual stream and the graph tensor that holds it. */
export interface HookPoint {
  /** e.g. `blocks.2.hook_resid_post`. */
  name: string;
  layer: number;
  kind: HookKind;
  /** Name of the graph tensor (the output of a residual `Add`, one of its inputs, or the input of the attention output projection). */
  tensor: string;
  /** Last dimension: d_model, or n_heads × d_head for `attn.hook_z`. */
  width: number;
  /** `['batch', 'sequence', width]`. */
  shape: readonly ['batch', 'sequence', number];
}

export interface FoundHooks {
  /** Block scope pattern that matched, e.g. `/blocks.{layer}/`. */
  scope: string;
  layerCount: number;
  /** In layer order: per block pre, attn.hook_z, attn_out, mid, mlp_out, post (each only where found). */
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
export function findHookPoints(
  graph: onnx.IGraphProto,
  scopes: readonly string[] = DEFAULT_HOOK_SCOPES,
  dModel?: number,
): FoundHooks {
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
    return { scope, layerCount: addsByLayer.size, hooks: hooksOfLayers(addsByLayer, scope, graph, dModel) };
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
  graph: onnx.IGraphProto,
  dModelHint: number | undefined,
): HookPoint[] {
  const nodes = graph.node ?? [];
  const producer = new Map<string, onnx.INodeProto>();
  for (const node of nodes) for (const output of node.output ?? []) producer.set(output, node);
  const initializers = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const producedIn = (tensor: string, prefix: string) => (producer.get(tensor)?.name ?? '').startsWith(prefix);
  const found: Omit<HookPoint, 'width' | 'shape'>[] = [];
  const widths = new Map<string, number>();
  let dModel = dModelHint;
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
    const add = (kind: HookKind, tensor: string) => found.push({ name: `blocks.${layer}.${kind}`, layer, kind, tensor });
    const first = adds[0]!;
    const firstInputs = first.input ?? [];
    const residual = firstInputs.filter((input) => !producedIn(input, prefix));
    if (residual.length === 1) add('hook_resid_pre', residual[0]!);
    if (adds.length === 2) {
      // The branch inputs: the Add input that is not the residual stream.
      const attnOut = residual.length === 1 && firstInputs.length === 2 ? firstInputs.find((input) => input !== residual[0]) : undefined;
      const projection = attnOut === undefined ? undefined : outputProjection(attnOut, prefix, producer, initializers, dModel);
      if (projection) {
        dModel ??= projection.outWidth;
        add('attn.hook_z', projection.input);
        widths.set(`blocks.${layer}.attn.hook_z`, projection.inWidth);
      }
      if (attnOut !== undefined) add('hook_attn_out', attnOut);
      add('hook_resid_mid', first.output![0]!);
      const secondInputs = adds[1]!.input ?? [];
      const mlpOut = secondInputs.filter((input) => input !== first.output![0]);
      if (secondInputs.length === 2 && mlpOut.length === 1) add('hook_mlp_out', mlpOut[0]!);
    }
    const last = adds[adds.length - 1]!;
    add('hook_resid_post', last.output![0]!);
  }
  dModel ??= layerNormWidth(nodes, initializers, scope.replace('{layer}', '0'));
  if (dModel === undefined) {
    throw new ModelError(`Cannot tell the model width from the graph (no LayerNormalization in ${scope.replace('{layer}', '0')}); give d_model in config.json.`);
  }
  const width = dModel;
  return found.map((hook) => {
    const w = widths.get(hook.name) ?? width;
    return { ...hook, width: w, shape: ['batch', 'sequence', w] as const };
  });
}

interface Projection {
  /** The MatMul's data input: heads concatenated, before the projection. */
  input: string;
  inWidth: number;
  outWidth: number;
}

/**
 * Walks back from the attention branch output through bias `Add`s to a `MatMul` inside the
 * block whose weight is a 2-D initializer (possibly behind a `Transpose` or `Cast`), `[inWidth,
 * dModel]`; its other input is `hook_z`. Undefined when the branch does not end that way.
 */
function outputProjection(
  tensor: string,
  prefix: string,
  producer: Map<string, onnx.INodeProto>,
  initializers: Map<string, onnx.ITensorProto>,
  dModel: number | undefined,
): Projection | undefined {
  let current = tensor;
  for (let step = 0; step < 4; step++) {
    const node = producer.get(current);
    if (!node || !(node.name ?? '').startsWith(prefix)) return undefined;
    const inputs = node.input ?? [];
    if (node.opType === 'Add' && inputs.length === 2) {
      const data = inputs.filter((input) => !initializers.has(input) && !isConstant(producer.get(input)));
      if (data.length !== 1) return undefined;
      current = data[0]!;
      continue;
    }
    if (node.opType !== 'MatMul' || inputs.length !== 2) return undefined;
    const weight = weightDims(inputs[1]!, producer, initializers);
    if (!weight || (dModel !== undefined && weight[1] !== dModel)) return undefined;
    const data = producer.get(inputs[0]!);
    if (!data || !(data.name ?? '').startsWith(prefix)) return undefined;
    return { input: inputs[0]!, inWidth: weight[0], outWidth: weight[1] };
  }
  return undefined;
}

function isConstant(node: onnx.INodeProto | undefined): boolean {
  return node?.opType === 'Constant';
}

/** [rows, cols] of a MatMul's right operand when it is a 2-D initializer, directly or behind Transpose/Cast/Identity. */
function weightDims(
  tensor: string,
  producer: Map<string, onnx.INodeProto>,
  initializers: Map<string, onnx.ITensorProto>,
): [number, number] | undefined {
  const direct = initializers.get(tensor);
  if (direct) {
    const dims = (direct.dims ?? []).map(Number);
    return dims.length === 2 ? [dims[0]!, dims[1]!] : undefined;
  }
  const node = producer.get(tensor);
  if (!node || (node.input ?? []).length !== 1) return undefined;
  const inner = weightDims(node.input![0]!, producer, initializers);
  if (!inner) return undefined;
  if (node.opType === 'Cast' || node.opType === 'Identity') return inner;
  if (node.opType === 'Transpose') {
    const perm = (node.attribute ?? []).find((attribute) => attribute.name === 'perm')?.ints?.map(Number);
    return !perm || (perm[0] === 1 && perm[1] === 0) ? [inner[1], inner[0]] : inner;
  }
  return undefined;
}

/** Width of the first LayerNormalization scale in a block (a fallback when no projection was found). */
function layerNormWidth(
  nodes: readonly onnx.INodeProto[],
  initializers: Map<string, onnx.ITensorProto>,
  prefix: string,
): number | undefined {
  for (const node of nodes) {
    if (!(node.name ?? '').startsWith(prefix) || !['LayerNormalization', 'SimplifiedLayerNormalization'].includes(node.opType ?? '')) continue;
    const scale = initializers.get(node.input?.[1] ?? '');
    const dims = (scale?.dims ?? []).map(Number);
    if (dims.length === 1) return dims[0];
  }
  return undefined;
}

/** Scopes to try for a model: the one config.json declares, else the defaults. */
export function hookScopesFor(configScope: string | undefined): readonly string[] {
  return configScope ? [configScope] : DEFAULT_HOOK_SCOPES;
}

/** A plain-text table of hook points: name, shape `[batch, sequence, width]` and the graph tensor. */
export function formatHookTable(hooks: readonly HookPoint[]): string {
  const rows = [
    ['hook', 'shape', 'graph tensor'],
    ...hooks.map((hook) => [hook.name, `[${hook.shape.join(', ')}]`, hook.tensor]),
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`.trimEnd()).join('\n');
}
