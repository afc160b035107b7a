import http from 'node:http';
import https from 'node:https';

/**
 * Kept-alive connections to the API, shared by every request this server renders. node:http, not
 * fetch: undici's fetch (Web streams, Request and Response objects) cost `next start` ~0.7 ms of CPU
 * per API call, and a feature page makes three.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
} as const;

export type HttpAnswer = { status: number; body: string };

/**
 * POSTs `body` to `url` and reads the whole answer as UTF-8 text. Rejects when no complete answer
 * came back: the connection failed or broke off, or `timeoutMs` passed first.
 */
export function postText(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  const target = new URL(url);
  const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
  const client = protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(target, {
      method: 'POST',
      agent: agents[protocol],
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
      response.on('aborted', () => fail(new Error('the API closed the connection before its answer was complete')));
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
}
