import type { ModelResolvers } from '../../../generated/resolvers-types.ts';

export const Model: ModelResolvers = {
  saes: (model, _args, ctx) => ctx.loaders.catalog.saesByModel.load(model.id),
};
