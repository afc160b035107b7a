import type { IncomingMessage, ServerResponse } from 'node:http';
import { cancelled, queryTooCostly } from '../errors.ts';

/**
 * One request's abort signal: it fires when the client goes away before its answer is sent
 * (CANCELLED) or when the request runs past `timeoutMs` (QUERY_TOO_COSTLY); the reason is the
 * ApiError to answer with. `done()` stops the clock once the answer is sent.
 */
export function requestDeadline(req: IncomingMessage, res: ServerResponse, timeoutMs: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(queryTooCostly(
      `This request ran for more than ${timeoutMs / 1000} s, the limit, and its work was stopped. ` +
        'Ask for less (smaller pages, fewer fields), or retry when the server is less busy.',
    ));
  }, timeoutMs);
  timer.unref();
  const onClose = () => {
    if (!res.writableFinished) controller.abort(cancelled('The client closed the connection before the answer was sent.'));
  };
  res.once('close', onClose);
  req.once('aborted', onClose);
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      res.off('close', onClose);
      req.off('aborted', onClose);
    },
  };
}
