import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Who is asking: what every request context carries, for logs, auth and rate limits. */
export type RequestInfo = {
  /** Fresh for every request; sent back as the `x-request-id` response header. */
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
  /** The client's IP address: the socket's peer, or what trusted proxies forwarded (see TrustProxy). */
  readonly clientAddress: string | undefined;
  /**
   * Aborts when the client goes away or the request runs out of time (its reason is the ApiError
   * to answer with): resolvers stop, DataLoaders skip their queries, steering leaves its queue.
   */
  readonly signal: AbortSignal;
};

/**
 * Which proxies in front of the API to believe about the client's address (`x-forwarded-for`),
 * as Express's `trust proxy`: none (false, the default), every one (true), the nearest N hops, or
 * addresses and subnets (`10.0.0.0/8`, `::1`, or `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = boolean | number | readonly string[];

export type TrustFunction = (address: string, hop: number) => boolean;

/** Throws a TypeError naming the entry when an address or subnet is not one. */
export function compileTrustProxy(setting: TrustProxy): TrustFunction {
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile([...setting]);
}

export function requestInfo(req: IncomingMessage, trust: TrustFunction, signal: AbortSignal): RequestInfo {
  // proxy-addr walks from the socket's peer outwards through x-forwarded-for while each hop is trusted.
  const clientAddress = req.socket.remoteAddress === undefined ? undefined : proxyaddr(req, trust);
  return { id: randomUUID(), headers: req.headers, clientAddress, signal };
}
