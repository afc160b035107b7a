import { NORMALIZE_MODES } from './normalise.ts';
import type { NormalizeActivations } from './normalise.ts';
import { SaeError } from './sae-error.ts';
import { DEFAULT_MAX_ACTIVE } from './train-options.ts';
import type { Architecture, SaeConfig, SaeTrainingInfo } from './types.ts';

/**
 * SAELens architectures this package reads (batchtopk SAEs are saved as jumprelu, as SAELens
 * does). `mp` is not one of SAELens': matching pursuit SAEs are SAELens-style folders of ours.
 */
export const SUPPORTED_SAELENS_ARCHITECTURES = ['topk', 'standard', 'jumprelu', 'mp'] as const;

/** The SAELens architecture an SAE is saved as: relu and gba are "standard", batchtopk is "jumprelu". */
export function saeLensArchitecture(cfg: SaeConfig): string {
  return { topk: 'topk', relu: 'standard', gba: 'standard', jumprelu: 'jumprelu', batchtopk: 'jumprelu', mp: 'mp' }[cfg.architecture];
}

/**
 * SAELens v6 cfg.json (metadata nested; extra metadata keys are allowed). `k` is written for
 * topk; a batchtopk SAE is written as SAELens writes one for inference — a jumprelu whose
 * `threshold` tensor holds the global threshold — with `metadata.atlas_architecture:
 * "batchtopk"` and `atlas_k` so it loads back as batchtopk; a gba SAE is a "standard" one with
 * `metadata.atlas_architecture: "gba"`; relu/jumprelu/gba keep their code cap
 * in `metadata.atlas_max_active`. An mp SAE (not a SAELens architecture) is written as
 * `architecture: "mp"` with `k` (its steps) and `metadata.atlas_residual_threshold`.
 */
export function toSaeLensConfig(cfg: SaeConfig): Record<string, unknown> {
  const topk = cfg.architecture === 'topk';
  return {
    architecture: saeLensArchitecture(cfg),
    d_in: cfg.dIn,
    d_sae: cfg.width,
    dtype: cfg.dtype,
    device: 'cpu',
    apply_b_dec_to_input: true,
    normalize_activations: cfg.normalizeActivations,
    reshape_activations: 'none',
    ...(topk ? { k: cfg.k, rescale_acts_by_decoder_norm: false } : {}),
    ...(cfg.architecture === 'mp' ? { k: cfg.k } : {}),
    metadata: {
      model_name: cfg.modelId,
      hook_name: cfg.hookName,
      hook_head_index: null,
      prepend_bos: cfg.prependBos ?? null,
      context_size: cfg.contextSize ?? null,
      dataset_path: cfg.datasetPath ?? null,
      ...(cfg.training ? { atlas_training: cfg.training } : {}),
      ...(cfg.normalizeActivations === 'expected_average_only_in' ? { atlas_activation_scale: cfg.activationScale ?? 1 } : {}),
      ...(cfg.architecture === 'batchtopk' ? { atlas_architecture: 'batchtopk', atlas_k: cfg.k } : {}),
      ...(cfg.architecture === 'gba' ? { atlas_architecture: 'gba' } : {}),
      ...(cfg.architecture === 'mp' ? { atlas_residual_threshold: cfg.residualThreshold ?? 0 } : {}),
      ...(cfg.architecture === 'relu' || cfg.architecture === 'jumprelu' || cfg.architecture === 'gba' ? { atlas_max_active: cfg.k } : {}),
    },
  };
}

export interface ParsedSaeLensConfig {
  cfg: SaeConfig;
  /** False when the SAE does not subtract b_dec from its input (the loader folds that into b_enc). */
  applyBDecToInput: boolean;
  /**
   * SAELens v6 TopK `rescale_acts_by_decoder_norm`: pre-activations are multiplied by each decoder
   * row's norm before TopK and codes divided by it before decoding (the loader folds that in).
   */
  rescaleByDecoderNorm: boolean;
}

/**
 * Reads a SAELens cfg.json object: v6 (`metadata: {...}`) or pre-6.0 flat configs
 * (`hook_name`, `model_name` at top level; TopK as `activation_fn_str: "topk"`).
 */
export function fromSaeLensConfig(raw: unknown, source: string): ParsedSaeLensConfig {
  const fail = (problem: string): never => {
    throw new SaeError(`${source}: ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('is not a JSON object');
  const json = raw as Record<string, unknown>;
  const meta = (typeof json.metadata === 'object' && json.metadata !== null ? json.metadata : json) as Record<string, unknown>;
  const saeLens = architectureOf(json);
  if (!(SUPPORTED_SAELENS_ARCHITECTURES as readonly string[]).includes(saeLens)) {
    fail(`unsupported SAE architecture "${saeLens}"; supported: ${SUPPORTED_SAELENS_ARCHITECTURES.join(', ')}`);
  }
  const activation = json.activation_fn_str ?? json.activation_fn ?? 'relu';
  if (saeLens === 'standard' && activation !== 'relu') {
    fail(`unsupported activation function "${String(activation)}" for a standard SAE; supported: relu, topk`);
  }
  const architecture: Architecture =
    saeLens === 'mp' ? 'mp' :
    saeLens === 'topk' ? 'topk' : saeLens === 'standard' ? (meta.atlas_architecture === 'gba' ? 'gba' : 'relu') : meta.atlas_architecture === 'batchtopk' ? 'batchtopk' : 'jumprelu';
  const dIn = integer(json.d_in, 'd_in', fail);
  const width = integer(json.d_sae, 'd_sae', fail);
  const kwargs = (json.activation_fn_kwargs ?? {}) as Record<string, unknown>;
  const k =
    architecture === 'topk' || architecture === 'mp' ? integer(json.k ?? kwargs.k, 'k', fail) :
    architecture === 'batchtopk' ? integer(meta.atlas_k, 'metadata.atlas_k', fail) :
    meta.atlas_max_active === undefined ? Math.min(width, DEFAULT_MAX_ACTIVE) : integer(meta.atlas_max_active, 'metadata.atlas_max_active', fail);
  const normalize = json.normalize_activations ?? 'none';
  if (!(NORMALIZE_MODES as readonly unknown[]).includes(normalize)) {
    fail(`normalize_activations ${JSON.stringify(normalize)} is not supported; supported: ${NORMALIZE_MODES.join(', ')}`);
  }
  const cfg: SaeConfig = {
    architecture,
    dIn,
    width,
    k,
    hookName: typeof meta.hook_name === 'string' ? meta.hook_name : 'unknown',
    modelId: typeof meta.model_name === 'string' ? meta.model_name : 'unknown',
    dtype: 'float32',
    normalizeActivations: normalize as NormalizeActivations,
  };
  if (typeof meta.context_size === 'number') cfg.contextSize = meta.context_size;
  if (typeof meta.prepend_bos === 'boolean') cfg.prependBos = meta.prepend_bos;
  if (typeof meta.dataset_path === 'string') cfg.datasetPath = meta.dataset_path;
  if (architecture === 'mp') {
    // The pursuit runs on x − b_dec; there is no encoder bias to fold a missing b_dec into.
    if (json.apply_b_dec_to_input === false) fail('an mp SAE must have "apply_b_dec_to_input": true');
    const threshold = meta.atlas_residual_threshold ?? 0;
    if (typeof threshold !== 'number' || !(threshold >= 0)) {
      fail(`"metadata.atlas_residual_threshold" must be a number >= 0, got ${JSON.stringify(threshold)}`);
    }
    cfg.residualThreshold = threshold as number;
  }
  // expected_average_only_in's factor; without one (SAELens folds it into the weights) inputs are used as they are.
  if (normalize === 'expected_average_only_in') cfg.activationScale = typeof meta.atlas_activation_scale === 'number' ? meta.atlas_activation_scale : 1;
  if (typeof meta.atlas_training === 'object' && meta.atlas_training !== null) {
    cfg.training = meta.atlas_training as SaeTrainingInfo;
  }
  return { cfg, applyBDecToInput: json.apply_b_dec_to_input !== false, rescaleByDecoderNorm: json.rescale_acts_by_decoder_norm === true };
}

function architectureOf(json: Record<string, unknown>): string {
  const architecture = typeof json.architecture === 'string' ? json.architecture : 'standard';
  // Before SAELens 6, TopK SAEs were "standard" SAEs with a topk activation function.
  if (architecture === 'standard' && json.activation_fn_str === 'topk') return 'topk';
  return architecture;
}

function integer(value: unknown, name: string, fail: (problem: string) => never): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    return fail(`"${name}" must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}
