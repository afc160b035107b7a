import type { FeatureSearchFilter, LabelSourceName, SearchMode } from '@atlas/search';
import type { FeatureSearchFilter as FilterInput } from '../../generated/resolvers-types.ts';
import { badUserInput } from '../../errors.ts';

/** Most SAE ids one filter may name. */
export const MAX_FILTER_SAES = 100;
/** Most features per token featuresForText may list (the library's bound). */
export const MAX_TEXT_TOP_K = 64;

/** The GraphQL filter as @atlas/search takes it (enums lower-cased, nulls dropped); the library checks the rest. */
export function searchFilter(input: FilterInput | null | undefined): FeatureSearchFilter {
  if (!input) return {};
  if (input.saeIds && input.saeIds.length > MAX_FILTER_SAES) {
    throw badUserInput(`searchFeatures: filter.saeIds names ${input.saeIds.length} SAEs; the limit is ${MAX_FILTER_SAES}. Filter by modelId or hook instead.`);
  }
  const filter: FeatureSearchFilter = {
    ...(input.modelId != null ? { modelId: input.modelId } : {}),
    ...(input.saeIds != null ? { saeIds: input.saeIds } : {}),
    ...(input.hook != null ? { hook: input.hook } : {}),
    ...(input.labelSources != null ? { labelSources: input.labelSources.map((source) => source.toLowerCase() as LabelSourceName) } : {}),
    ...(input.densityMin != null ? { densityMin: input.densityMin } : {}),
    ...(input.densityMax != null ? { densityMax: input.densityMax } : {}),
  };
  return filter;
}

export function searchMode(mode: SearchMode | null | undefined): SearchMode {
  return mode ?? 'HYBRID';
}
