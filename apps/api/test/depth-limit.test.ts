import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { depthLimit } from '../src/plugins/depth-limit.ts';

const schema = buildSchema(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));
const check = (query: string, max = 4) => validate(schema, parse(query), [depthLimit(max)]).map((e) => e.message);

describe('depthLimit', () => {
  it('allows queries up to the limit', () => {
    expect(check('{ feature(id: "x") { sae { model { id } } } }')).toEqual([]);
  });

  it('rejects deeper queries, following fragments, and says the limit', () => {
    expect(check('query Deep { feature(id: "x") { sae { model { saes { id } } } } }')).toEqual([
      'Operation "Deep" nests fields 5 levels deep; the limit is 4. Split it into several queries.',
    ]);
    expect(check('{ feature(id: "x") { ...F } } fragment F on Feature { sae { model { saes { id } } } }')).toHaveLength(1);
  });

  it('does not count introspection (GraphiQL loads the schema with it)', () => {
    expect(check(getIntrospectionQuery(), 2)).toEqual([]);
  });
});
