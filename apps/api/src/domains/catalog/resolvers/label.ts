import type { LabelResolvers, LabelSource } from '../../../generated/resolvers-types.ts';

/** The GraphQL enum for a stored label source (`human`, `llm`, `machine`). */
export const labelSource = (source: string): LabelSource => (source === 'human' ? 'HUMAN' : source === 'llm' ? 'LLM' : 'MACHINE');

export const Label: LabelResolvers = {
  source: (label) => labelSource(label.source),
  updatedAt: (label) => label.updatedAt.toISOString(),
};
