import type { onnx } from '@atlas/onnx';
import { ModelError } from '../errors.ts';
import { findBranches, type Branch } from './branches.ts';
import { describeNode, indexGraph } from './graph-index.ts';
import type { AbsentHook, FoundHooks, HookKind, HookPoint } from './hook-point.ts';
import { findOutputProjection } from './output-projection.ts';
import { traceResidualStream, type ResidualStream } from './residual-stream.ts';

interface Block {
  attention?: Branch;
  mlp?: Branch;
}

/**
 * Finds TransformerLens hook points by the graph's structure, whatever its node names: the
 * residual stream from the token embedding through its additions, each block's attention and MLP
 * branches from what those additions add, and `attn.hook_z` at the attention output projection's
 * input. Hooks a block cannot have (resid_mid of a parallel block, tensors a fused kernel hides)
 * are listed in `absent` with the reason. `dModel` is used only when the embedding table's width
 * cannot be read from the graph.
 */
export function findHookPoints(graph: onnx.IGraphProto, options: { dModel?: number } = {}): FoundHooks {
  const index = indexGraph(graph);
  const stream = traceResidualStream(index);
  const dModel = stream.embedding.dModel ?? options.dModel;
  if (dModel === undefined) {
    throw new ModelError(`Cannot read the model width from the token embedding (${describeNode(stream.embedding.node)}); give hidden_size in config.json.`);
  }
  const blocks = groupBlocks(findBranches(index, stream));
  const hooks: HookPoint[] = [];
  const absent: AbsentHook[] = [];
  blocks.forEach((block, layer) => {
    const found = (kind: HookKind, tensor: string, width = dModel) =>
      hooks.push({ name: `blocks.${layer}.${kind}`, layer, kind, tensor, width, shape: ['batch', 'sequence', width] });
    const missing = (kind: HookKind, reason: string) => absent.push({ name: `blocks.${layer}.${kind}`, layer, kind, reason });
    const either = (kind: HookKind, result: { tensor?: string; reason?: string; width?: number }) =>
      result.tensor !== undefined ? found(kind, result.tensor, result.width) : missing(kind, result.reason!);
    const parts = [block.attention, block.mlp].filter((part): part is Branch => part !== undefined);
    const firstStep = Math.min(...parts.map((part) => part.step));
    const lastStep = Math.max(...parts.map((part) => part.step));
    either('hook_resid_pre', streamState(stream, firstStep - 1));
    const { attention, mlp } = block;
    if (attention) {
      either('attn.hook_z', findOutputProjection(index, attention, stream.derived, dModel, layer));
      either('hook_attn_out', branchOutput(stream, attention, 'attention'));
    } else {
      for (const kind of ['attn.hook_z', 'hook_attn_out'] as const) missing(kind, `block ${layer} has no attention branch`);
    }
    either('hook_resid_mid', residMid(stream, layer, attention, mlp));
    if (mlp) either('hook_mlp_out', branchOutput(stream, mlp, 'MLP'));
    else missing('hook_mlp_out', `block ${layer} has no MLP branch`);
    either('hook_resid_post', streamState(stream, lastStep));
  });
  return { layerCount: blocks.length, dModel, hooks, absent };
}

/** A block is an attention branch and the MLP after it (or beside it); a branch without its partner is a block of its own. */
function groupBlocks(branches: readonly Branch[]): Block[] {
  const blocks: Block[] = [];
  for (const branch of branches) {
    const open = blocks.at(-1);
    if (branch.kind === 'mlp' && open && !open.mlp) open.mlp = branch;
    else blocks.push(branch.kind === 'attention' ? { attention: branch } : { mlp: branch });
  }
  return blocks;
}

/** The stream after residual step `step` (0: entering the first block). */
function streamState(stream: ResidualStream, step: number): { tensor?: string; reason?: string } {
  if (step === 0) return { tensor: stream.preBlock.at(-1)! };
  const { node, out } = stream.steps[step - 1]!;
  if (out !== undefined) return { tensor: out };
  return { reason: `the residual sum is computed inside ${describeNode(node)} (an onnxruntime fusion) and not output (its 4th output is unnamed)` };
}

function branchOutput(stream: ResidualStream, branch: Branch, what: string): { tensor?: string; reason?: string } {
  const step = stream.steps[branch.step - 1]!;
  if (!step.fusedBias) return { tensor: branch.tensor };
  return {
    reason:
      `the ${what} output's bias is added inside ${describeNode(step.node)} (an onnxruntime fusion), so no tensor ` +
      `holds the whole ${what} output; use an export without SkipLayerNormalization bias fusion`,
  };
}

function residMid(stream: ResidualStream, layer: number, attention: Branch | undefined, mlp: Branch | undefined): { tensor?: string; reason?: string } {
  if (!attention || !mlp) return { reason: `block ${layer} has no ${attention ? 'MLP' : 'attention'} branch, so no stream lies between the two` };
  if (mlp.step > attention.step && mlp.reads === attention.step) return streamState(stream, attention.step);
  return {
    reason:
      `attention and MLP both read blocks.${layer}.hook_resid_pre (a parallel block, as GPT-NeoX, GPT-J and Phi compute ` +
      `them), so no residual stream lies between them; use hook_resid_pre, hook_attn_out or hook_mlp_out`,
  };
}
