import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FEATURE_SNIPPET_QUERY, featureCurl } from '../src/lib/feature-api-snippet';

describe('featureCurl', () => {
  it('is a shell line whose body is the query with the feature id, even for ids with quotes', () => {
    const id = "demo-lm/it's/7";
    const line = featureCurl('http://localhost:4000/graphql', id);
    // Let a real shell parse it: echo the last argument (the -d body) back.
    const body = execFileSync('sh', ['-c', `set -- ${line.replace(/^curl /, '')}; eval 'printf %s "$'$#'"'`]).toString();
    const parsed = JSON.parse(body) as { query: string; variables: { id: string } };
    expect(parsed.variables.id).toBe(id);
    expect(parsed.query).toBe(FEATURE_SNIPPET_QUERY.replace(/\s+/g, ' '));
    expect(line.startsWith('curl -s http://localhost:4000/graphql ')).toBe(true);
  });
});
