export { createApiServer, type ApiServer, type ApiServerOptions } from './server.ts';
export type { Logger } from './logger.ts';
export type { TrustProxy } from './http/request-info.ts';
