import type { LabelResolvers } from '../generated/resolvers-types.ts';

export const Label: LabelResolvers = {
  /** Machine-written labels (`machine`, `llm`) are MACHINE to clients. */
  source: (label) => (label.source === 'human' ? 'HUMAN' : 'MACHINE'),
  updatedAt: (label) => label.updatedAt.toISOString(),
};
