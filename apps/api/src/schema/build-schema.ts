import { mergeTypeDefs } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import type { Domain } from '../domains/domain.ts';

/** The root SDL: the API's description on `type Query`; the domains add every field. */
const ROOT_TYPE_DEFS = readFileSync(new URL('./root.graphql', import.meta.url), 'utf8');

/**
 * One executable schema from the root and the domains' SDL and resolvers. Extensions are
 * merged into definitions (as codegen does), so a domain may `extend type Mutation` although no
 * file defines Mutation: the schema has a Mutation type exactly when some domain adds a field.
 */
export function buildSchema(domains: readonly Domain[]): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: mergeTypeDefs([ROOT_TYPE_DEFS, ...domains.map((domain) => domain.typeDefs)], { convertExtensions: true }),
    resolvers: domains.map((domain) => domain.resolvers),
  });
}
