// `npm start`: the atlas on the embedded database. The web port answers at once: a progress page
// while the first start builds the web app and the demo atlas, then the atlas itself; later starts
// find both done and are ready in seconds.
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { bin, childEnv, repoRoot, run } from './lib/env.mjs';
import { serveProgressPage } from './lib/progress-page.mjs';

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
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
const dataDir = process.env.ATLAS_DATA_DIR ? path.resolve(process.env.ATLAS_DATA_DIR) : path.join(repoRoot, '.atlas');
await mkdir(dataDir, { recursive: true });
const progressFile = path.join(dataDir, 'build-progress.json');
await rm(progressFile, { force: true }); // A stale file from an earlier start would show old stages.

// The web port answers at once with the build's progress; the API and the web app start when the
// atlas is built (the build owns the embedded database until then: PGlite serves one process).
const state = { phase: 'building', webBuild: 'running' };
const progressPage = await serveProgressPage({ port: WEB_PORT, progressFile, state: () => state });
console.log(`Building the demo atlas and the web app; follow it at http://localhost:${WEB_PORT} (answering after ${seconds()} s).`);

const webBuild = run(bin('turbo'), ['run', 'build', '--filter=@atlas/web', '--output-logs=errors-only']).then((code) => {
  state.webBuild = code === 0 ? 'done' : 'failed';
  return code;
});
// Arguments after `npm start --` go to `atlas build-demo` (e.g. `--tokens 65536` for a quicker, smaller atlas).
const demoCode = await run(process.execPath, [
  path.join(repoRoot, 'apps/cli/bin/atlas.mjs'), 'build-demo', '--progress-file', progressFile, ...process.argv.slice(2),
]);
if (demoCode !== 0) {
  state.phase = 'failed';
  console.error('The demo atlas build failed (see above). Run `npm start` again: it resumes where it stopped.');
  await progressPage.close();
  process.exit(demoCode);
}
if ((await webBuild) !== 0) {
  state.phase = 'failed';
  console.error('The web build failed (see above).');
  await progressPage.close();
  process.exit(1);
}
state.phase = 'starting';

const children = [
  spawn(bin('tsx'), [path.join(repoRoot, 'apps/api/src/main.ts')], {
    cwd: repoRoot, env: { ...childEnv, PORT: String(API_PORT) }, stdio: 'inherit',
  }),
];
const startWeb = () => spawn(bin('next'), ['start', '-p', String(WEB_PORT)], {
  cwd: path.join(repoRoot, 'apps/web'), env: { ...childEnv, ATLAS_API_URL: apiUrl }, stdio: 'inherit',
});
const stopAll = (signal) => {
  for (const child of children) child.kill(signal);
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
function watch(child) {
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`A server exited with status ${code}; stopping the others.`);
      stopAll('SIGTERM');
      process.exitCode = code;
    }
  });
}
for (const child of children) watch(child);

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

const apiReady = await waitFor(apiUrl, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
});
// The progress page hands the port over only once the API answers, so the atlas never opens on an unreachable API.
await progressPage.close();
const web = startWeb();
children.push(web);
watch(web);
const webReady = await waitFor(`http://localhost:${WEB_PORT}/`);
if (apiReady && webReady) {
  console.log(`\nFeature Atlas is ready (${seconds()} s):\n  web      http://localhost:${WEB_PORT}\n  GraphQL  ${apiUrl} (open it in a browser for the IDE)\nCtrl-C stops both.`);
} else {
  console.error('The servers did not answer within 2 minutes; see the output above.');
}
