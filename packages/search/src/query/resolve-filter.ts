import { listSearchableSaes, type AtlasDb, type SearchScope } from '@atlas/db';
import { SEARCH_LIMITS } from '../limits.ts';
import { SearchError } from '../search-error.ts';

export type LabelSourceName = 'human' | 'machine' | 'llm';
const LABEL_SOURCES: readonly LabelSourceName[] = ['human', 'machine', 'llm'];

/** Which features a search may return. Every field narrows; all are optional. */
export interface FeatureSearchFilter {
  modelId?: string;
  saeIds?: readonly string[];
  /** A TransformerLens hook name, e.g. `blocks.2.hook_resid_post`. */
  hook?: string;
  /** Features with at least one label from one of these sources. */
  labelSources?: readonly LabelSourceName[];
  /** Density (share of tokens a feature fires on) bounds, inclusive, in [0, 1]. */
  densityMin?: number;
  densityMax?: number;
}

const list = (values: readonly string[], limit = 8) =>
  values.length === 0 ? 'none' : values.slice(0, limit).join(', ') + (values.length > limit ? `, … (${values.length} in all)` : '');

/**
 * The scope of a filter: the complete SAEs it names. An unknown model, SAE or hook, an unknown
 * label source or a density bound outside [0, 1] is a BAD_USER_INPUT naming the valid values; a
 * filter whose parts exclude each other (an SAE of another model) gives an empty scope.
 */
export async function resolveFilter(db: AtlasDb, filter: FeatureSearchFilter = {}): Promise<SearchScope> {
  const saes = await listSearchableSaes(db);
  let scoped = saes;
  if (filter.modelId !== undefined) {
    const models = [...new Set(saes.map((sae) => sae.modelId))];
    if (!models.includes(filter.modelId)) {
      throw new SearchError(`Unknown model "${filter.modelId}" in the search filter; models with SAEs: ${list(models)}.`);
    }
    scoped = scoped.filter((sae) => sae.modelId === filter.modelId);
  }
  if (filter.hook !== undefined) {
    const hooks = [...new Set(scoped.map((sae) => sae.hookName))];
    if (!hooks.includes(filter.hook)) {
      throw new SearchError(`No SAE on hook "${filter.hook}"${filter.modelId ? ` of ${filter.modelId}` : ''}; hooks with SAEs: ${list(hooks)}.`);
    }
    scoped = scoped.filter((sae) => sae.hookName === filter.hook);
  }
  if (filter.saeIds !== undefined) {
    if (filter.saeIds.length > SEARCH_LIMITS.maxFilterSaes) {
      throw new SearchError(`The filter names ${filter.saeIds.length} SAEs; the limit is ${SEARCH_LIMITS.maxFilterSaes}. Filter by model or hook instead.`);
    }
    const known = new Set(saes.map((sae) => sae.id));
    const unknown = filter.saeIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new SearchError(`Unknown SAE id(s) in the search filter: ${list(unknown, 3)}. SAE ids look like "${saes[0]?.id ?? 'model/hook/topk-4096'}"; complete SAEs: ${list(saes.map((sae) => sae.id), 5)}.`);
    }
    const wanted = new Set(filter.saeIds);
    scoped = scoped.filter((sae) => wanted.has(sae.id));
  }
  const bad = (filter.labelSources ?? []).filter((source) => !LABEL_SOURCES.includes(source));
  if (bad.length > 0) throw new SearchError(`Unknown label source(s) ${bad.join(', ')}; use ${LABEL_SOURCES.join(', ')}.`);
  for (const [name, value] of [['densityMin', filter.densityMin], ['densityMax', filter.densityMax]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1)) {
      throw new SearchError(`${name} must be a number from 0 to 1 (a share of tokens), got ${value}.`);
    }
  }
  if (filter.densityMin !== undefined && filter.densityMax !== undefined && filter.densityMin > filter.densityMax) {
    throw new SearchError(`densityMin (${filter.densityMin}) is above densityMax (${filter.densityMax}); swap them.`);
  }
  return {
    saeIds: scoped.map((sae) => sae.id),
    ...(filter.labelSources?.length ? { labelSources: filter.labelSources } : {}),
    ...(filter.densityMin !== undefined ? { densityMin: filter.densityMin } : {}),
    ...(filter.densityMax !== undefined ? { densityMax: filter.densityMax } : {}),
  };
}
