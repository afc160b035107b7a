import type { LabelResolvers } from '../../../generated/resolvers-types.ts';

export const Label: LabelResolvers = {
  source: (label) => (label.source === 'human' ? 'HUMAN' : label.source === 'llm' ? 'LLM' : 'MACHINE'),
  updatedAt: (label) => label.updatedAt.toISOString(),
};
