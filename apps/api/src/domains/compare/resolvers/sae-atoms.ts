import type { SaeResolvers } from '../../../generated/resolvers-types.ts';

/** `Sae.atoms`: the atoms metrics the build stored on the SAE's row. */
export const Sae: Pick<SaeResolvers, 'atoms'> = {
  atoms: (sae, _args, ctx) => ctx.loaders.compare.saeAtoms.load(sae.id),
};
