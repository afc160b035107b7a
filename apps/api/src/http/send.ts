import type { ServerResponse } from 'node:http';
import type { ClientErrorCode } from '../format-error.ts';

/** A GraphQL-shaped error response for failures before Apollo sees the request. */
export function sendError(res: ServerResponse, status: number, code: ClientErrorCode, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
