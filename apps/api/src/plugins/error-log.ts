import type { ApolloServerPlugin } from '@apollo/server';
import { isConnectionLost } from '@atlas/db';
import type { GraphQLError } from 'graphql';
import type { ApiContext } from '../context.ts';
import { clientCode } from '../format-error.ts';
import type { Logger } from '../logger.ts';

const MAX_MESSAGE_CHARS = 300;
const STACK_FRAMES = 6;
/** A failure seen again within this long is logged in one line, without its stack. */
const REPEAT_WINDOW_MS = 60_000;

/** The first line of a message, cut to a readable length (a failed SQL query's parameters are on later lines). */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}

/** `Name: message` of an error and of its causes, each compacted. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 3; depth += 1) {
    parts.push(current instanceof Error ? `${current.name}: ${firstLine(current.message)}` : firstLine(String(current)));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' ← caused by ');
}

function topFrames(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  const frames = error.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, STACK_FRAMES);
  return frames.length > 0 ? `\n${frames.join('\n')}` : '';
}

/** A lost database connection is logged at most this often (every query of every request fails with it meanwhile). */
const OUTAGE_LOG_INTERVAL_MS = 10_000;

/**
 * Logs the unexpected errors of a request (those formatError masks) once per request, compactly:
 * where they happened, the first one's message and causes (first lines only, so no query
 * parameters) and a few stack frames; the same failure again within a minute gets one line
 * with no stack. Errors meant for the client (bad input, refusals) are not logged.
 */
export function errorLogPlugin(logger: Logger): ApolloServerPlugin<ApiContext> {
  const lastFullLog = new Map<string, number>();
  let lastOutageLog = 0;
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const outage = errors.find((error) => isConnectionLost(error.originalError));
          if (outage && Date.now() - lastOutageLog > OUTAGE_LOG_INTERVAL_MS) {
            lastOutageLog = Date.now();
            logger.warn(`Database unavailable (request ${contextValue.request.id}): ${describe(outage.originalError)}. Answering DATABASE_UNAVAILABLE until it is back.`);
          }
          const unexpected = errors.filter((error: GraphQLError) => clientCode(error, error) === undefined);
          const [first] = unexpected;
          if (!first) return;
          const original = first.originalError ?? first;
          const paths = [...new Set(unexpected.map((error) => error.path?.join('.')).filter((path) => path !== undefined))];
          const where = paths.length === 0 ? '' : ` at ${paths[0]}${paths.length > 1 ? ` (and ${paths.length - 1} more fields)` : ''}`;
          const what = describe(original);
          const now = Date.now();
          const seen = lastFullLog.get(what);
          const repeat = seen !== undefined && now - seen < REPEAT_WINDOW_MS;
          if (!repeat) lastFullLog.set(what, now);
          if (lastFullLog.size > 1_000) lastFullLog.clear();
          const count = unexpected.length > 1 ? `${unexpected.length} unexpected errors` : 'Unexpected error';
          logger.error(`${count} in request ${contextValue.request.id}${where}: ${what}${repeat ? ' (again; stack logged earlier)' : topFrames(original)}`);
        },
      };
    },
  };
}
