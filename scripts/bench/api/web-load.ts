import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadFigures, type LoadFigures } from './load.ts';
import { DEMO_SAE, DEMO_WIDTH } from './read-mix.ts';
import { freePort } from '../../../tests/support/web-server.ts';

/** The web's path of a demo feature (apps/web/src/lib/routes.ts `featureHref`). */
export const featurePath = (index: number) => `/feature/${DEMO_SAE.split('/').map(encodeURIComponent).join('/')}/${index}`;

/**
 * The feature page served by `next start`, for random features of the demo SAE, as fast as
 * `connections` clients can read it (closed loop: each client asks for the next page when its
 * last one has fully streamed). A page counts as an error when it is not HTTP 200, when it shows
 * the "API unreachable" panel, or when a streamed section failed (React's `data-dgst` marker).
 */
export async function webPageLoad(webUrl: string, { duration, connections, features = DEMO_WIDTH }: { duration: number; connections: number; features?: number }): Promise<LoadFigures & { meanBytes: number }> {
  let errors = 0;
  let bytes = 0;
  let pages = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url: webUrl,
    method: 'GET',
    connections,
    duration,
    timeout: 30,
    requests: [{
      setupRequest: (request) => ({ ...request, path: featurePath(Math.floor(Math.random() * features)) }),
      onResponse: (status, body) => {
        pages += 1;
        bytes += body.length;
        if (status !== 200 || body.includes('The atlas API is unreachable') || body.includes('data-dgst')) {
          errors += 1;
          firstError ??= `${status} ${body.slice(0, 300)}`;
        }
      },
    }],
  });
  return { ...loadFigures(result, errors, firstError), meanBytes: pages ? bytes / pages : 0 };
}

/**
 * `next start` for apps/web's production build in `distDir` (relative to apps/web; `.next` is
 * `npm run build`'s) against `apiUrl`; resolves once it answers. Two builds can be served side by
 * side this way, e.g. the one before a change (copied to `.next-before`) and the one after. With
 * `profileDir`, next runs under `node --cpu-prof` (Node refuses it in NODE_OPTIONS); `stop()`
 * resolves once the process has exited, i.e. once its profile is written.
 */
export async function startNext(repoRoot: string, apiUrl: string, distDir = '.next', { profileDir }: { profileDir?: string } = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const webDir = path.join(repoRoot, 'apps/web');
  if (!existsSync(path.join(webDir, distDir, 'BUILD_ID'))) {
    throw new Error(`No web build in apps/web/${distDir}: run \`npx turbo run build --filter=@atlas/web\` first.`);
  }
  const port = await freePort();
  const nextArgs = ['start', '-p', String(port), '-H', '127.0.0.1'];
  const [command, args] = profileDir
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, path.join(repoRoot, 'node_modules/next/dist/bin/next'), ...nextArgs]]
    : [path.join(repoRoot, 'node_modules/.bin/next'), nextArgs];
  const child = spawn(command, args, {
    cwd: webDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ATLAS_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', ...(distDir === '.next' ? {} : { ATLAS_WEB_DIST_DIR: distDir }) },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`next start (${distDir}) exited with status ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return { url, stop: () => stop() };
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop('SIGKILL');
  throw new Error(`next start (${distDir}) did not answer on ${url} within 2 minutes`);
}
