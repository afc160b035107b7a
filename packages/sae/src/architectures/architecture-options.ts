import type { GbaBiasStart, GbaOutputScales } from '../training/group-bias-adaptation.ts';

/**
 * The training options whose meaning depends on the architecture. Declared here, beside the
 * architectures that read them, so no architecture module imports the training options
 * (`TrainSaeOptions` extends this).
 */
export interface ArchitectureOptions {
  dIn: number;
  width: number;
  /** topk: latents per row; batchtopk: mean latents per row (k·B per batch); mp: pursuit steps. Not used by relu/jumprelu/gba. */
  k?: number;
  /** mp: stop the pursuit once ‖residual‖ falls below this (default 0: always k steps). */
  residualThreshold?: number;
  /**
   * Slots per row of the sparse codes the ONNX graph returns (TopK inside the graph). relu and
   * jumprelu: the cap on firing latents per row (default min(width, 256)); a row with more keeps
   * its largest (jumprelu: farthest above θ). gba: the same, by default twice the firing count its
   * targets imply ((width/K)·Σ targets, about width/10 at the defaults), at least min(width, 256).
   * batchtopk: candidates per row for the batch-level selection (default min(width, 4k)).
   */
  maxActive?: number;
  /** relu: λ of the L1 penalty λ·Σ_j z_j‖W_dec[j]‖ (default 1, as SAELens). */
  l1Coefficient?: number;
  /** jumprelu: λ of the L0 penalty λ·Σ_j H(pre_j − θ_j) (default 1, as SAELens). */
  l0Coefficient?: number;
  /** jumprelu: width ε of the rectangle kernel of the straight-through estimator (default 0.05). */
  bandwidth?: number;
  /** jumprelu: initial θ for every latent (default 0.01). */
  initialThreshold?: number;
  /** gba: number of neuron groups K (default 10). */
  gbaGroups?: number;
  /** gba: steps T between bias updates (default 50). */
  gbaInterval?: number;
  /** gba: target firing frequency of the first group (default 0.5). */
  gbaMaxFrequency?: number;
  /** gba: target firing frequency of the last group (default 1e-3); targets are geometric in between. */
  gbaMinFrequency?: number;
  /** gba: bias step γ (default 0.01). */
  gbaStep?: number;
  /** gba: a neuron firing on fewer than this fraction of a window's rows is dead (default 1e-6). */
  gbaDeadFrequency?: number;
  /**
   * gba: where the biases start. `zero` (default, the paper's) or `quantile`, which departs from
   * the paper: each neuron's bias starts at minus its group's target quantile of its initial
   * projections on the evaluation sample, so it fires at its target rate from the first step.
   */
  gbaBiasStart?: GbaBiasStart;
  /**
   * gba: the output scales a and the pre-bias b_pre. `fixed` (default): held at
   * `gbaInitialOutputScale` and the data mean while the neurons learn (the regime of the paper's
   * theory: each neuron then learns from the rows it fires on), a fitted by least squares at the
   * end. `trained`: trained by Adam with the neurons on the full reconstruction (on the recovery
   * benchmark this recovers no features; see docs/benchmarks.md).
   */
  gbaOutputScales?: GbaOutputScales;
  /** gba: every neuron's output scale a at the start (default 1 / the expected firing count per row). */
  gbaInitialOutputScale?: number;
}
