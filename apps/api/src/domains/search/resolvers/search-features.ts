import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { searchFilter, searchMode } from '../search-args.ts';

/** `Query.searchFeatures`: @atlas/search does the work (and raises BAD_USER_INPUT for bad input). */
export const searchFeatures: NonNullable<QueryResolvers['searchFeatures']> = async (_parent, args, ctx) => {
  const filter = searchFilter(args.filter);
  const [{ searchFeatures: search }, engine] = await Promise.all([import('@atlas/search'), ctx.search.engine()]);
  return search(ctx.db, engine, {
    query: args.query,
    mode: searchMode(args.mode),
    filter,
    ...(args.first != null ? { first: args.first } : {}),
    after: args.after ?? null,
  });
};
