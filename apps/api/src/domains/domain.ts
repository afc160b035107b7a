import type { AtlasDb } from '@atlas/db';
import { readFileSync } from 'node:fs';
import type { Resolvers } from '../generated/resolvers-types.ts';

/** What a domain's loaders may know of their request. */
export type LoaderRequest = { readonly signal: AbortSignal };

/**
 * A GraphQL domain: a folder under src/domains/ with its SDL (`schema.graphql`), its resolvers,
 * its DataLoaders and its codegen mappers (`mappers.ts`: `export type <GraphQLType>Mapper = …`).
 * The server merges every domain listed in ./index.ts; codegen finds them by folder.
 */
export type Domain = {
  /** The key of its loaders in the request context: `ctx.loaders.<name>`. */
  readonly name: string;
  /** Its SDL. Fields on Query, Mutation or another domain's types are added with `extend type`. */
  readonly typeDefs: string;
  readonly resolvers: Resolvers;
  /**
   * Its DataLoaders, created afresh for every request (a cache must never outlive its request).
   * `signal` aborts when the request is cancelled: batch functions skip their queries then.
   */
  readonly createLoaders?: (db: AtlasDb, request: LoaderRequest) => object;
};

/** Keeps the domain's exact type (its name as a literal, its loaders' type) for the context type. */
export function defineDomain<const D extends Domain>(domain: D): D {
  return domain;
}

/** A domain's `schema.graphql`, next to its index.ts: `readSchema(import.meta.url)`. */
export function readSchema(indexUrl: string): string {
  return readFileSync(new URL('./schema.graphql', indexUrl), 'utf8');
}
