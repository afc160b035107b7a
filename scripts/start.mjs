// `npm start`: the atlas on the embedded database. First start builds the web app and the demo
// atlas (with progress bars); later starts find both done and are ready in seconds.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { bin, childEnv, repoRoot, run } from './lib/env.mjs';

const API_PORT = Number(process.env.API_PORT ?? 4000);
const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
const apiUrl = `http://localhost:${API_PORT}/graphql`;

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port);
  });
}

for (const [port, what, variable] of [[API_PORT, 'API', 'API_PORT'], [WEB_PORT, 'web app', 'WEB_PORT']]) {
  if (!(await portIsFree(port))) {
    console.error(`Port ${port} (the ${what}) is in use. Stop what holds it, or set ${variable}=another port.`);
    process.exit(1);
  }
}

const started = performance.now();
console.log('Building the web app (cached after the first start) while the demo atlas builds…');
const webBuild = run(bin('turbo'), ['run', 'build', '--filter=@atlas/web', '--output-logs=errors-only']);
const demoCode = await run(process.execPath, [path.join(repoRoot, 'apps/cli/bin/atlas.mjs'), 'build-demo']);
if (demoCode !== 0) {
  console.error('The demo atlas build failed (see above). Run `npm start` again: it resumes where it stopped.');
  process.exit(demoCode);
}
if ((await webBuild) !== 0) {
  console.error('The web build failed (see above).');
  process.exit(1);
}

const children = [
  spawn(bin('tsx'), [path.join(repoRoot, 'apps/api/src/main.ts')], {
    cwd: repoRoot, env: { ...childEnv, PORT: String(API_PORT) }, stdio: 'inherit',
  }),
  spawn(bin('next'), ['start', '-p', String(WEB_PORT)], {
    cwd: path.join(repoRoot, 'apps/web'), env: { ...childEnv, ATLAS_API_URL: apiUrl }, stdio: 'inherit',
  }),
];
const stopAll = (signal) => {
  for (const child of children) child.kill(signal);
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`A server exited with status ${code}; stopping the others.`);
      stopAll('SIGTERM');
      process.exitCode = code;
    }
  });
}

async function waitFor(url, init) {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    try {
      const response = await fetch(url, init);
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

const apiReady = waitFor(apiUrl, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
});
const webReady = waitFor(`http://localhost:${WEB_PORT}/`);
if ((await apiReady) && (await webReady)) {
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`\nFeature Atlas is ready (${seconds} s):\n  web      http://localhost:${WEB_PORT}\n  GraphQL  ${apiUrl} (open it in a browser for the IDE)\nCtrl-C stops both.`);
} else {
  console.error('The servers did not answer within 2 minutes; see the output above.');
}
