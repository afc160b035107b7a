import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../context.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { requestInfo, type RequestInfo, type TrustFunction } from './request-info.ts';
import { sendError } from './send.ts';

function isJson(contentType: string | undefined): boolean {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/json' || (essence?.endsWith('+json') ?? false);
}

/** Parses a JSON body; other content types reach Apollo without a body (and its CSRF check). */
async function parseBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req);
  if (!isJson(req.headers['content-type'])) return undefined;
  return text === '' ? undefined : JSON.parse(text);
}

/** Node http integration for Apollo Server: request → HTTPGraphQLRequest (with its context) → response. */
export function createGraphQLHandler(
  apollo: ApolloServer<ApiContext>,
  { trust, context }: { trust: TrustFunction; context: (request: RequestInfo) => Promise<ApiContext> },
) {
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    const request = requestInfo(req, trust);
    res.setHeader('x-request-id', request.id);
    let body: unknown;
    try {
      body = await parseBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 413, 'BAD_REQUEST', error.message);
      return sendError(res, 400, 'BAD_REQUEST', `Request body is not valid JSON: ${(error as Error).message}`);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context: () => context(request),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
