import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { domains } from '../src/domains/index.ts';
import { buildSchema } from '../src/schema/build-schema.ts';

// The schema is built by @graphql-tools, which Node loads with graphql's CommonJS build; vitest
// would give this file the ES module build, a second copy graphql refuses to mix. Use Node's.
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const printed = (schema: import('graphql').GraphQLSchema) => graphql.printSchema(graphql.lexicographicSortSchema(schema));

describe('schema/schema.graphql', () => {
  it('is the schema the server serves (regenerate it with `npm run codegen -w @atlas/api`)', () => {
    const committed = graphql.buildSchema(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));
    expect(printed(committed)).toBe(printed(buildSchema(domains)));
  });

  it('has no Mutation type while no registered domain adds one', () => {
    expect(buildSchema(domains).getMutationType()).toBeUndefined();
  });
});
