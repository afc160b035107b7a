import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const webDir = path.join(repoRoot, 'apps/web');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Builds the web app if no production build exists (npm test builds it first; this covers running one file). */
export function ensureWebBuild(): void {
  if (existsSync(path.join(webDir, '.next', 'BUILD_ID'))) return;
  const build = spawnSync(path.join(repoRoot, 'node_modules/.bin/turbo'), ['run', 'build', '--filter=@atlas/web'], {
    cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error('next build failed; run `npx turbo run build --filter=@atlas/web` to see why.');
}

/** `next start` on a free port against the given API; resolves once it answers. */
export async function startWeb(apiUrl: string): Promise<{ url: string; stop(): void }> {
  ensureWebBuild();
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(repoRoot, 'node_modules/.bin/next'), ['start', '-p', String(port)], {
    cwd: webDir, stdio: 'inherit', env: { ...process.env, ATLAS_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      if ((await fetch(url)).status < 500) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`next start did not answer on ${url} within 60 s`);
}
