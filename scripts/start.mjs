// `npm start`: the atlas on the embedded database. The web port answers at once with a progress
// page while the first start builds the web app and the demo atlas; then the API and the web app
// run under supervisors (a crashed server is restarted with backoff, the other keeps running).
// Arguments go to `atlas build-demo` (e.g. `npm start -- --tokens 65536` for a quicker, smaller
// atlas, or `-- --with-comparisons`). The page hands the port to the web app only once the API
// answers, so the atlas never opens on an unreachable API. Both servers listen
// on 127.0.0.1 unless HOST says otherwise; SIGINT / SIGTERM stop them cleanly (database closed).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { bin, childEnv, repoRoot } from './lib/env.mjs';
import { serveProgressPage } from './lib/progress-page.mjs';
import { supervise } from './lib/supervise.mjs';

const API_PORT = Number(process.env.API_PORT ?? 4000);
const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
const HOST = process.env.HOST ?? '127.0.0.1';
const anyHost = HOST === '0.0.0.0' || HOST === '::';
const shownHost = anyHost ? 'localhost' : HOST;
/** Where this script and the web server reach the servers (a wildcard address is reached on loopback). */
const reachHost = anyHost ? '127.0.0.1' : HOST;
const apiUrl = `http://${shownHost}:${API_PORT}/graphql`;
const webUrl = `http://${shownHost}:${WEB_PORT}`;
const dataDir = process.env.ATLAS_DATA_DIR ? path.resolve(process.env.ATLAS_DATA_DIR) : path.join(repoRoot, '.atlas');
const progressFile = path.join(dataDir, 'build-progress.json');
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, HOST);
  });
}

for (const [port, what, variable] of [[API_PORT, 'API', 'API_PORT'], [WEB_PORT, 'web app', 'WEB_PORT']]) {
  if (!(await portIsFree(port))) {
    console.error(`Port ${port} (the ${what}) is in use. Stop what holds it, or set ${variable}=another port.`);
    process.exit(1);
  }
}

// Build phase: every child is tracked, so a signal stops them (not only a terminal's Ctrl-C).
const building = new Set();
let stopRequested = null;
function runTracked(command, args, env = childEnv) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    building.add(child);
    child.on('exit', (code, signal) => {
      building.delete(child);
      resolve(signal ? 1 : (code ?? 1));
    });
    child.on('error', (error) => {
      building.delete(child);
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
  });
}

const servers = [];
let page = null;
const stopAll = async (signal) => {
  if (stopRequested) return;
  stopRequested = signal;
  console.error(`\n${signal}: stopping${servers.length ? ' the API (finishing requests, closing the database) and the web app' : ' the build (it resumes on the next start)'}…`);
  for (const child of building) child.kill(signal);
  await page?.close();
  await Promise.all(servers.map((server) => server.stop('SIGTERM')));
  process.exit(0);
};
process.on('SIGINT', () => void stopAll('SIGINT'));
process.on('SIGTERM', () => void stopAll('SIGTERM'));

mkdirSync(dataDir, { recursive: true });
rmSync(progressFile, { force: true }); // a stale file from an earlier start would show old stages
const state = { phase: 'building', webBuild: 'running' };
page = await serveProgressPage({ port: WEB_PORT, host: HOST, progressFile, state: () => state });
console.log(`Building the demo atlas and the web app; follow it at ${webUrl} (answering after ${seconds()} s).`);

const webBuild = runTracked(bin('turbo'), ['run', 'build', '--filter=@atlas/web', '--output-logs=errors-only']).then((code) => {
  state.webBuild = code === 0 ? 'done' : 'failed';
  return code;
});
const demoCode = await runTracked(process.execPath, [
  path.join(repoRoot, 'apps/cli/bin/atlas.mjs'), 'build-demo', '--progress-file', progressFile, ...process.argv.slice(2),
]);
if (stopRequested) await new Promise(() => {}); // stopAll exits
if (demoCode !== 0 || (await webBuild) !== 0) {
  state.phase = 'failed';
  console.error(demoCode !== 0
    ? 'The demo atlas build failed (see above). Run `npm start` again: it resumes where it stopped.'
    : 'The web build failed (see above).');
  await page.close();
  process.exit(demoCode !== 0 ? demoCode : 1);
}
state.phase = 'starting';

const log = (line) => console.error(`[start] ${line}`);
async function waitFor(url, init) {
  for (;;) {
    try {
      const response = await fetch(url, init);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// node with tsx's loader, not the tsx CLI: one process, so the pid supervised is the server itself.
// NODE_ENV=production (unless set) drops graphql-js's development-mode checks on every value it
// resolves (docs/benchmarks.md, issue 16); the API's own settings do not depend on it.
servers.push(supervise('API', process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/api/src/main.ts')], {
  cwd: repoRoot, env: { ...childEnv, NODE_ENV: childEnv.NODE_ENV ?? 'production', PORT: String(API_PORT), HOST },
}, log));
await waitFor(`http://${reachHost}:${API_PORT}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
});
await page.close();
page = null;
servers.push(supervise('web app', bin('next'), ['start', '-p', String(WEB_PORT), '-H', HOST], {
  cwd: path.join(repoRoot, 'apps/web'), env: { ...childEnv, ATLAS_API_URL: `http://${reachHost}:${API_PORT}/graphql` },
}, log));
await waitFor(`http://${reachHost}:${WEB_PORT}/`);
console.log(`\nFeature Atlas is ready (${seconds()} s after npm start):\n  web      ${webUrl}\n  GraphQL  ${apiUrl} (open it in a browser for the IDE)\n` +
  `Listening on ${HOST}${HOST === '127.0.0.1' ? ' (this machine only; HOST=0.0.0.0 exposes both)' : ''}. A crashed server is restarted. Ctrl-C stops both.`);
