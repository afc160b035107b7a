import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';
import { sendIdeAsset, sendIdePage } from './ide.ts';
import { sendError } from './send.ts';

export type GraphQLHandler = (req: IncomingMessage, res: ServerResponse, search: string) => Promise<void>;

/** A browser navigating to the endpoint (rather than a GraphQL client). */
function wantsHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

/** Routes: `/graphql` (GraphQL, or the IDE for browsers), `/` (the IDE), `/ide/*` (its assets). */
export function createRouter(graphql: GraphQLHandler, logger: Logger): RequestListener {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql') {
      return wantsHtml(req) ? sendIdePage(res) : graphql(req, res, url.search);
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (url.pathname === '/') return sendIdePage(res);
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      if (await sendIdeAsset(res, url.pathname)) return;
    }
    sendError(res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${url.pathname}. POST GraphQL requests to /graphql; open / in a browser for GraphiQL.`);
  };
  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error(`HTTP ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      else res.end();
    });
  };
}
