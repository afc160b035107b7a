import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { sendText } from './send.ts';

/**
 * The local GraphiQL IDE: one HTML page plus the bundle `npm run build:ide` writes to
 * `static/` (no CDN). Everything is served from this process.
 */
const STATIC_DIR = new URL('../../static/', import.meta.url);

export const IDE_ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/ide/graphiql.js': { file: 'graphiql.js', type: 'text/javascript; charset=utf-8' },
  '/ide/graphiql.css': { file: 'graphiql.css', type: 'text/css; charset=utf-8' },
};

const MISSING_BUNDLE =
  'The GraphiQL bundle has not been built. Run `npm run build:ide -w @atlas/api` (or `npm run build`) ' +
  'and reload. The API itself works without it: POST queries to /graphql.';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

const cache = new Map<string, Buffer>();

async function readAsset(file: string): Promise<Buffer | null> {
  const cached = cache.get(file);
  if (cached) return cached;
  try {
    const bytes = await readFile(new URL(file, STATIC_DIR));
    cache.set(file, bytes);
    return bytes;
  } catch {
    return null;
  }
}

function page(body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Feature Atlas API · GraphiQL</title>
<link rel="stylesheet" href="/ide/graphiql.css">
</head>
<body>
${body}
</body>
</html>
`;
}

export async function sendIdePage(res: ServerResponse): Promise<void> {
  const built = (await readAsset('graphiql.js')) !== null;
  const body = built
    ? '<div id="graphiql" data-endpoint="/graphql">Loading GraphiQL…</div>\n<script src="/ide/graphiql.js"></script>'
    : `<p>${MISSING_BUNDLE}</p>`;
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  sendText(res, 200, 'text/html; charset=utf-8', page(body));
}

export async function sendIdeAsset(res: ServerResponse, pathname: string): Promise<boolean> {
  const asset = IDE_ASSETS[pathname];
  if (!asset) return false;
  const bytes = await readAsset(asset.file);
  if (!bytes) {
    sendText(res, 404, 'text/plain; charset=utf-8', MISSING_BUNDLE);
    return true;
  }
  res.setHeader('cache-control', 'no-cache');
  sendText(res, 200, asset.type, bytes);
  return true;
}
