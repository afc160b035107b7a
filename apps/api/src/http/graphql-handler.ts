import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { isAtlasError } from '@atlas/errors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '../auth/viewer.ts';
import type { ApiContext } from '../context.ts';
import { queryTooCostly, type ApiError } from '../errors.ts';
import type { RateLimits } from '../rate-limit/rate-limits.ts';
import type { RequestLimits } from '../request-limits.ts';
import type { AnswerCache, CachedAnswer } from './answer-cache.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { requestDeadline } from './request-deadline.ts';
import { requestInfo, type RequestInfo, type TrustFunction } from './request-info.ts';
import { sendError } from './send.ts';

function isJson(contentType: string | undefined): boolean {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/json' || (essence?.endsWith('+json') ?? false);
}

/** The body as sent and parsed; other content types than JSON reach Apollo without a body (and its CSRF check). */
async function parseBody(req: IncomingMessage): Promise<{ text: string; json: unknown }> {
  if (req.method !== 'POST') return { text: '', json: undefined };
  const text = await readBody(req);
  if (!isJson(req.headers['content-type'])) return { text, json: undefined };
  return { text, json: text === '' ? undefined : JSON.parse(text) };
}

/** The status of a user-facing error raised before Apollo runs (resolving the viewer). */
const STATUS_BY_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, DATABASE_UNAVAILABLE: 503 };

export type GraphQLHandlerOptions = {
  trust: TrustFunction;
  limits: Pick<RequestLimits, 'timeoutMs' | 'maxResponseBytes'>;
  resolveViewer: (request: RequestInfo) => Promise<Viewer>;
  rateLimits: RateLimits;
  context: (request: RequestInfo, viewer: Viewer) => Promise<ApiContext>;
  /** Whole answers kept as sent (none when absent). */
  answerCache?: AnswerCache;
};

/**
 * Node http integration for Apollo Server. Per request: its info and deadline, its viewer, its
 * rate limit (before the body is read), a kept answer if there is one (answer-cache.ts), then
 * Apollo; the answer is sent unless the deadline
 * passed first (a QUERY_TOO_COSTLY sent at once; the work stops behind it) or it is larger than
 * the response limit.
 */
export function createGraphQLHandler(apollo: ApolloServer<ApiContext>, options: GraphQLHandlerOptions) {
  const { trust, limits, resolveViewer, rateLimits, context, answerCache } = options;
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    const deadline = requestDeadline(req, res, limits.timeoutMs);
    try {
      const request = requestInfo(req, trust, deadline.signal);
      res.setHeader('x-request-id', request.id);
      let viewer: Viewer;
      try {
        viewer = await resolveViewer(request);
      } catch (error) {
        if (!isAtlasError(error) || !error.userFacing) throw error;
        return sendError(res, STATUS_BY_CODE[error.code] ?? 400, error.code, error.message);
      }
      const refused = await rateLimits.admitRequest(viewer, request);
      if (refused) {
        res.setHeader('retry-after', String(refused.retryAfterS));
        return sendError(res, 429, 'RATE_LIMITED', refused.error.message);
      }
      let body: { text: string; json: unknown };
      try {
        body = await parseBody(req);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          // Read the rest and drop it, so the client gets to read the answer, then close the connection.
          res.setHeader('connection', 'close');
          req.resume();
          return sendError(res, 413, 'BAD_REQUEST', error.message);
        }
        return sendError(res, 400, 'BAD_REQUEST', `Request body is not valid JSON: ${(error as Error).message}`);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const cacheKey = answerCache?.key({ method, search, headers: req.headers, body: body.text });
      const cached = cacheKey === undefined ? undefined : answerCache?.get(cacheKey);
      if (cached) return sendCached(res, cached);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search, body: body.json },
        context: () => context(request, viewer),
      });
      const response = await untilAborted(answer, deadline.signal);
      if (response === 'aborted') return sendAbort(res, deadline.signal.reason);
      const sent = await send(res, response, limits.maxResponseBytes);
      if (sent && cacheKey !== undefined) answerCache?.keep(cacheKey, sent);
    } finally {
      deadline.done();
    }
  };
}

/** The answer, or 'aborted' as soon as the signal fires (the answer is then left to finish and be dropped). */
async function untilAborted<T>(answer: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  if (signal.aborted) return 'aborted';
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  answer.catch(() => {}); // a failure after the abort is nobody's to hear
  try {
    return await Promise.race([answer, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** A timed-out request gets its QUERY_TOO_COSTLY; a client that went away gets nothing (nobody is listening). */
function sendAbort(res: ServerResponse, reason: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const error = reason as ApiError;
  sendError(res, 503, isAtlasError(error) ? error.code : 'CANCELLED', error.message);
}

/**
 * The GraphQL over HTTP spec: a client that accepts only `application/json` (the legacy type; curl,
 * older clients) gets 200 for a well-formed request that GraphQL refused (parse, validation,
 * variables, cost), errors in the body; clients accepting `application/graphql-response+json`
 * keep Apollo's 4xx. Malformed HTTP requests (BAD_REQUEST) keep their 400.
 */
function legacyJsonStatus(response: HTTPGraphQLResponse): number {
  const status = response.status ?? 200;
  if (status !== 400 || response.body.kind !== 'complete') return status;
  if (!response.headers.get('content-type')?.startsWith('application/json')) return status;
  const body = JSON.parse(response.body.string) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.some((error) => error.extensions?.code === 'BAD_REQUEST') ? status : 200;
}

function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

/** Sends Apollo's answer; a complete one is returned as sent (for the answer cache). */
async function send(res: ServerResponse, response: HTTPGraphQLResponse, maxBytes: number): Promise<Omit<CachedAnswer, 'storedAt'> | undefined> {
  const bytes = response.body.kind === 'complete' ? Buffer.byteLength(response.body.string) : 0;
  if (bytes > maxBytes) {
    const error = queryTooCostly(
      `The answer to this query is ${size(bytes)}; the limit is ${size(maxBytes)}. ` +
        'Ask for smaller pages (first), fewer fields or fewer aliases.',
    );
    sendError(res, 400, error.code, error.message);
    return undefined;
  }
  const headers = [...response.headers];
  for (const [key, value] of headers) res.setHeader(key, value);
  res.statusCode = legacyJsonStatus(response);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return { status: res.statusCode, headers, body: response.body.string };
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
  return undefined;
}

/** A kept answer, as it was sent, with its age (as HTTP caches say it). */
function sendCached(res: ServerResponse, answer: CachedAnswer): void {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.setHeader('age', String(Math.floor((Date.now() - answer.storedAt) / 1000)));
  res.statusCode = answer.status;
  res.end(answer.body);
}
