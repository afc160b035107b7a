import type { GraphQLResult } from './test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field; the assertions are their shape.
export type Data = Record<string, any>;
export type Answer = GraphQLResult<Data> & { status: number };

/**
 * GraphQL over real HTTP as a script sends it, the credential (session token or API key) in
 * `authorization: Bearer …`. `url` is read at each call, so a client made before the server
 * starts works once it has.
 */
export function credentialClient(url: () => string) {
  async function gql(query: string, variables: Record<string, unknown> = {}, credential?: string): Promise<Answer> {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as GraphQLResult<Data>) };
  }
  /** The answer's data; throws with the errors when there are any. */
  async function data(query: string, variables: Record<string, unknown> = {}, credential?: string): Promise<Data> {
    const answer = await gql(query, variables, credential);
    if (answer.errors || !answer.data) throw new Error(`query failed: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }
  const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
  return { gql, data, codeOf };
}
