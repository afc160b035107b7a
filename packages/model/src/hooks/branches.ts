import type { onnx } from '@atlas/onnx';
import { aliasesOf, type GraphIndex } from './graph-index.ts';
import type { ResidualStream } from './residual-stream.ts';

export type BranchKind = 'attention' | 'mlp';

/** One term a residual step adds to the stream: an attention or an MLP output. */
export interface Branch {
  tensor: string;
  /** 1-based index of the residual step that adds it. */
  step: number;
  kind: BranchKind;
  /** The latest stream state it reads: 0 = the stream entering the first block, k = after step k. */
  reads: number;
  /** Nodes computing it from the stream, in graph order. */
  nodes: onnx.INodeProto[];
}

/** onnxruntime's fused attention kernels (contrib ops) and ONNX's own `Attention` (opset 23). */
export const ATTENTION_OPS = new Set([
  'Attention', 'MultiHeadAttention', 'GroupQueryAttention', 'PackedAttention', 'PackedMultiHeadAttention',
  'DecoderMaskedMultiHeadAttention', 'DecoderMaskedSelfAttention', 'DecoderAttention', 'SparseAttention',
  'PagedAttention', 'LongformerAttention', 'QAttention',
]);

const PRODUCT_OPS = new Set(['MatMul', 'FusedMatMul', 'Einsum']);

/** Attention mixes positions: a fused kernel, or a product of two computed tensors (q·kᵀ, probabilities·v). */
export function mixesPositions(node: onnx.INodeProto, derived: ReadonlySet<string>): boolean {
  if (ATTENTION_OPS.has(node.opType ?? '')) return true;
  return PRODUCT_OPS.has(node.opType ?? '') && (node.input ?? []).filter((input) => derived.has(input)).length >= 2;
}

interface Walk {
  nodes: Set<onnx.INodeProto>;
  tensors: Set<string>;
  reads: number;
}

/**
 * The branches of every residual step. A branch that is itself a sum of two independent computed
 * terms (GPT-NeoX's `mlp + attn` added to the stream at once) is split into them. Each is walked
 * back to the stream states it reads; it is attention when that walk mixes positions.
 */
export function findBranches(index: GraphIndex, stream: ResidualStream): Branch[] {
  const streamIndex = new Map<string, number>();
  for (const tensor of stream.preBlock) for (const alias of aliasesOf(index, tensor)) streamIndex.set(alias, 0);
  stream.steps.forEach((step, i) => {
    for (const output of step.node.output ?? []) if (output) for (const alias of aliasesOf(index, output)) streamIndex.set(alias, i + 1);
  });
  const walk = (tensor: string): Walk => walkToStream(index, stream.derived, streamIndex, tensor);
  const terms = (tensor: string): string[] => {
    const node = index.producer.get(tensor);
    const [a, b] = node?.input ?? [];
    const computed = (input: string | undefined): input is string =>
      input !== undefined && stream.derived.has(input) && !streamIndex.has(input);
    if (node?.opType !== 'Add' || node.input?.length !== 2 || !computed(a) || !computed(b)) return [tensor];
    if (walk(a).tensors.has(b) || walk(b).tensors.has(a)) return [tensor];
    return [...terms(a), ...terms(b)];
  };
  const branches = stream.steps.flatMap((step, i) =>
    terms(step.branch).map((tensor): Branch => {
      const { nodes, reads } = walk(tensor);
      const ordered = [...nodes].sort((x, y) => index.order.get(x)! - index.order.get(y)!);
      const kind = ordered.some((node) => mixesPositions(node, stream.derived)) ? 'attention' : 'mlp';
      return { tensor, step: i + 1, kind, reads, nodes: ordered };
    }),
  );
  // Blocks read in order: by the stream state read, attention before the MLP that reads the same state.
  return branches.sort((x, y) => x.reads - y.reads || kindRank(x) - kindRank(y) || x.step - y.step);
}

const kindRank = (branch: Branch) => (branch.kind === 'attention' ? 0 : 1);

/** Nodes between `tensor` and the stream states it reads, stopping at tensors not computed from the stream. */
function walkToStream(index: GraphIndex, derived: ReadonlySet<string>, streamIndex: Map<string, number>, tensor: string): Walk {
  const walk: Walk = { nodes: new Set(), tensors: new Set(), reads: -1 };
  const pending = [tensor];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (walk.tensors.has(current)) continue;
    walk.tensors.add(current);
    const state = streamIndex.get(current);
    if (state !== undefined) {
      walk.reads = Math.max(walk.reads, state);
      continue;
    }
    const node = derived.has(current) ? index.producer.get(current) : undefined;
    if (!node || walk.nodes.has(node)) continue;
    walk.nodes.add(node);
    pending.push(...(node.input ?? []).filter(Boolean));
  }
  return walk;
}
