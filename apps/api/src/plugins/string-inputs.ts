import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import type { ApiContext } from '../context.ts';
import { badUserInput } from '../errors.ts';
import { refusal } from '../refusal.ts';

const NUL = '\u0000';

/** Where a NUL character first appears in the variables, as a `$name.path`, or undefined. */
function nulInVariables(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulInVariables(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulInVariables(item, path === '' ? `$${key}` : `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

function nulInDocument(document: DocumentNode): { line: number; column: number } | undefined {
  let found: { line: number; column: number } | undefined;
  visit(document, {
    StringValue(node) {
      if (found || !node.value.includes(NUL)) return;
      const start = node.loc?.startToken;
      found = { line: start?.line ?? 0, column: start?.column ?? 0 };
    },
  });
  return found;
}

/**
 * Refuses strings holding a NUL character (U+0000) in arguments or variables, before anything
 * runs: Postgres text cannot store it, and no id, prompt or label needs it (BAD_USER_INPUT).
 */
export const stringInputsPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const inVariable = nulInVariables(request.variables ?? {}, '');
        const inQuery = inVariable ? undefined : nulInDocument(document);
        if (!inVariable && !inQuery) return;
        const where = inVariable ? `Variable ${inVariable}` : `The string at line ${inQuery?.line}, column ${inQuery?.column} of the query`;
        throw refusal(badUserInput(`${where} contains a NUL character (U+0000), which no argument may hold. Remove it and send the request again.`), 400);
      },
    };
  },
};

