import { allArchitectures, getArchitecture } from '../architectures/registry.ts';
import type { SaeArchitecture } from '../architectures/architecture.ts';
import type { Architecture } from '../architectures/registry.ts';
import { NORMALIZE_MODES } from '../normalise.ts';
import type { NormalizeActivations } from '../normalise.ts';
import { SaeError } from '../sae-error.ts';
import type { SaeConfig, SaeTrainingInfo } from '../types.ts';
import { positiveIntegerField } from './saelens-values.ts';

/**
 * SAELens architectures this package reads: those our architectures are saved as (batchtopk SAEs
 * are saved as jumprelu, gba as standard, as SAELens does). `mp` is not one of SAELens': matching
 * pursuit SAEs are SAELens-style folders of ours.
 */
export const SUPPORTED_SAELENS_ARCHITECTURES: readonly string[] = allArchitectures()
  .filter((architecture) => !architecture.saeLens.marked)
  .map((architecture) => architecture.saeLens.architecture);

/** The SAELens architecture an SAE is saved as (relu and gba are "standard", batchtopk is "jumprelu"). */
export function saeLensArchitecture(cfg: SaeConfig): string {
  return getArchitecture(cfg.architecture).saeLens.architecture;
}

/**
 * SAELens v6 cfg.json (metadata nested; extra metadata keys are allowed), with the keys each
 * architecture adds (`architectures/*.ts`, `saeLens`): `k` for topk and mp; an architecture that
 * shares its SAELens architecture with another (batchtopk as jumprelu, gba as standard) is
 * marked `metadata.atlas_architecture` so it loads back as itself; relu/jumprelu/gba keep their
 * code cap in `metadata.atlas_max_active`, batchtopk its k in `atlas_k`, mp its residual
 * threshold in `atlas_residual_threshold`.
 */
export function toSaeLensConfig(cfg: SaeConfig): Record<string, unknown> {
  const { saeLens, name } = getArchitecture(cfg.architecture);
  return {
    architecture: saeLens.architecture,
    d_in: cfg.dIn,
    d_sae: cfg.width,
    dtype: cfg.dtype,
    device: 'cpu',
    apply_b_dec_to_input: true,
    normalize_activations: cfg.normalizeActivations,
    reshape_activations: 'none',
    ...saeLens.fields?.(cfg),
    metadata: {
      model_name: cfg.modelId,
      hook_name: cfg.hookName,
      hook_head_index: null,
      prepend_bos: cfg.prependBos ?? null,
      context_size: cfg.contextSize ?? null,
      dataset_path: cfg.datasetPath ?? null,
      ...(cfg.training ? { atlas_training: cfg.training } : {}),
      ...(cfg.normalizeActivations === 'expected_average_only_in' ? { atlas_activation_scale: cfg.activationScale ?? 1 } : {}),
      ...(saeLens.marked ? { atlas_architecture: name } : {}),
      ...saeLens.metadata?.(cfg),
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
  if (!SUPPORTED_SAELENS_ARCHITECTURES.includes(saeLens)) {
    fail(`unsupported SAE architecture "${saeLens}"; supported: ${SUPPORTED_SAELENS_ARCHITECTURES.join(', ')}`);
  }
  const activation = json.activation_fn_str ?? json.activation_fn ?? 'relu';
  if (saeLens === 'standard' && activation !== 'relu') {
    fail(`unsupported activation function "${String(activation)}" for a standard SAE; supported: relu, topk`);
  }
  const architecture = architectureSavedAs(saeLens, meta.atlas_architecture);
  const dIn = positiveIntegerField(json.d_in, 'd_in', fail);
  const width = positiveIntegerField(json.d_sae, 'd_sae', fail);
  const { k, residualThreshold } = architecture.saeLens.read({ json, metadata: meta, width, fail });
  const normalize = json.normalize_activations ?? 'none';
  if (!(NORMALIZE_MODES as readonly unknown[]).includes(normalize)) {
    fail(`normalize_activations ${JSON.stringify(normalize)} is not supported; supported: ${NORMALIZE_MODES.join(', ')}`);
  }
  const cfg: SaeConfig = {
    architecture: architecture.name,
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
  if (residualThreshold !== undefined) cfg.residualThreshold = residualThreshold;
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

/**
 * Our architecture saved as SAELens architecture `saeLens`: the one marked `atlas_architecture`
 * when the metadata names one saved as it, else the plain reading of it.
 */
function architectureSavedAs(saeLens: string, marker: unknown): SaeArchitecture<Architecture> {
  const candidates = allArchitectures().filter((architecture) => architecture.saeLens.architecture === saeLens);
  return candidates.find((architecture) => architecture.saeLens.marked && architecture.name === marker) ?? candidates.find((architecture) => !architecture.saeLens.marked)!;
}
