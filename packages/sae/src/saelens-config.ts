import { SaeError } from './sae-error.ts';
import type { SaeConfig, SaeTrainingInfo } from './types.ts';

export const SUPPORTED_SAELENS_ARCHITECTURES = ['topk'] as const;

/** SAELens v6 cfg.json for a TopK SAE (metadata nested; extra metadata keys are allowed). */
export function toSaeLensConfig(cfg: SaeConfig): Record<string, unknown> {
  return {
    architecture: 'topk',
    d_in: cfg.dIn,
    d_sae: cfg.width,
    dtype: cfg.dtype,
    device: 'cpu',
    apply_b_dec_to_input: true,
    normalize_activations: cfg.normalizeActivations,
    reshape_activations: 'none',
    k: cfg.k,
    rescale_acts_by_decoder_norm: false,
    metadata: {
      model_name: cfg.modelId,
      hook_name: cfg.hookName,
      hook_head_index: null,
      prepend_bos: cfg.prependBos ?? null,
      context_size: cfg.contextSize ?? null,
      dataset_path: cfg.datasetPath ?? null,
      ...(cfg.training ? { atlas_training: cfg.training } : {}),
    },
  };
}

export interface ParsedSaeLensConfig {
  cfg: SaeConfig;
  /** False when the SAE does not subtract b_dec from its input (the loader folds that into b_enc). */
  applyBDecToInput: boolean;
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
  const architecture = architectureOf(json);
  if (!(SUPPORTED_SAELENS_ARCHITECTURES as readonly string[]).includes(architecture)) {
    fail(`unsupported SAE architecture "${architecture}"; supported: ${SUPPORTED_SAELENS_ARCHITECTURES.join(', ')}`);
  }
  const dIn = integer(json.d_in, 'd_in', fail);
  const width = integer(json.d_sae, 'd_sae', fail);
  const kwargs = (json.activation_fn_kwargs ?? {}) as Record<string, unknown>;
  const k = integer(json.k ?? kwargs.k, 'k', fail);
  const normalize = json.normalize_activations ?? 'none';
  if (normalize !== 'none' && normalize !== null) {
    fail(`normalize_activations "${String(normalize)}" is not supported; only "none" is`);
  }
  const cfg: SaeConfig = {
    architecture: 'topk',
    dIn,
    width,
    k,
    hookName: typeof meta.hook_name === 'string' ? meta.hook_name : 'unknown',
    modelId: typeof meta.model_name === 'string' ? meta.model_name : 'unknown',
    dtype: 'float32',
    normalizeActivations: 'none',
  };
  if (typeof meta.context_size === 'number') cfg.contextSize = meta.context_size;
  if (typeof meta.prepend_bos === 'boolean') cfg.prependBos = meta.prepend_bos;
  if (typeof meta.dataset_path === 'string') cfg.datasetPath = meta.dataset_path;
  if (typeof meta.atlas_training === 'object' && meta.atlas_training !== null) {
    cfg.training = meta.atlas_training as SaeTrainingInfo;
  }
  return { cfg, applyBDecToInput: json.apply_b_dec_to_input !== false };
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
