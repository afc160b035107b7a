/** The logger the API writes to; compatible with Apollo Server's `logger` option. */
export type Logger = Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;

export const consoleLogger: Logger = {
  debug: () => {},
  info: (...args) => console.info(...args),
  warn: (...args) => console.warn(...args),
  error: (...args) => console.error(...args),
};
