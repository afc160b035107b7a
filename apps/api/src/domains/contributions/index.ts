import { defineDomain, readSchema } from '../domain.ts';
import { createContributionLoaders } from './loaders.ts';
import { accountMutations } from './resolvers/account-mutations.ts';
import { labelMutations } from './resolvers/label-mutations.ts';
import { contributionQueries } from './resolvers/query.ts';
import { roleMutations } from './resolvers/role-mutations.ts';
import { contributionTypes } from './resolvers/types.ts';

/**
 * Contributions (issue 16): accounts (argon2 passwords, hashed sessions), API keys (hashed,
 * scoped READ or WRITE, revocable), and human labels: proposed, revised (append-only versions),
 * voted on (one vote per user per label), reviewed by curators and hidden, never deleted, by
 * moderators. Who is asking comes from auth/credentials.ts before any resolver runs.
 */
export const contributions = defineDomain({
  name: 'contributions',
  typeDefs: readSchema(import.meta.url),
  resolvers: { ...contributionTypes, Query: contributionQueries, Mutation: { ...accountMutations, ...labelMutations, ...roleMutations } },
  createLoaders: createContributionLoaders,
});
