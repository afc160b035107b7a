/** TransformerLens's hook kinds, in the order a block computes them. */
export const HOOK_KINDS = ['hook_resid_pre', 'attn.hook_z', 'hook_attn_out', 'hook_resid_mid', 'hook_mlp_out', 'hook_resid_post'] as const;

export type HookKind = (typeof HOOK_KINDS)[number];

/** A TransformerLens-named point of the residual stream and the graph tensor that holds it. */
export interface HookPoint {
  /** e.g. `blocks.2.hook_resid_post`. */
  name: string;
  layer: number;
  kind: HookKind;
  /** Name of the graph tensor (a residual sum, a branch output, or the input of the attention output projection). */
  tensor: string;
  /** Last dimension: d_model, or n_heads × d_head for `attn.hook_z`. */
  width: number;
  /** `['batch', 'sequence', width]`. */
  shape: readonly ['batch', 'sequence', number];
}

/** A hook a block does not have, and why (a parallel block has no resid_mid; a fused kernel hides a tensor). */
export interface AbsentHook {
  name: string;
  layer: number;
  kind: HookKind;
  reason: string;
}

export interface FoundHooks {
  layerCount: number;
  /** Width of the residual stream (the token embedding's columns). */
  dModel: number;
  /** In layer order; per block in `HOOK_KINDS` order (each only where it exists). */
  hooks: HookPoint[];
  /** Hooks of the same blocks that do not exist in this graph. */
  absent: AbsentHook[];
}
