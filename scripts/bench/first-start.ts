// `npm run bench:first-start` (issue 14, item 5): the real `npm start` on a fresh data folder,
// timed from spawn to (1) the web port answering (the progress page) and (2) a browsable atlas
// (the home page served by the web app, not the progress page). Arguments after `--` go to
// `npm start` (and so to `atlas build-demo`). The web app build is part of a first start: run
// it on a checkout without apps/web/.next to time that too. Prints `uptime` before and after.
//
//   npm run bench:first-start                              # the real demo atlas
//   npm run bench:first-start -- --tokens 4096 --width 128 # smoke run
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const webPort = Number(process.env.WEB_PORT ?? 3917);
const apiPort = Number(process.env.API_PORT ?? 4917);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-first-start-bench-'));
const web = `http://127.0.0.1:${webPort}/`; // where npm start listens (localhost may resolve to ::1 first)

console.log(`uptime before: ${execSync('uptime').toString().trim()}`);
console.log(`web build present: ${existsSync(path.join(repoRoot, 'apps/web/.next/BUILD_ID'))}; data folder ${dataDir}`);
const started = performance.now();
const env: NodeJS.ProcessEnv = { ...process.env, ATLAS_DATA_DIR: dataDir, WEB_PORT: String(webPort), API_PORT: String(apiPort) };
delete env.DATABASE_URL;
const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), ...process.argv.slice(2)], {
  cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true,
});
const seconds = () => (performance.now() - started) / 1000;

let answered: number | undefined;
let browsable: number | undefined;
while (browsable === undefined && child.exitCode === null) {
  try {
    const response = await fetch(web);
    if (answered === undefined) {
      answered = seconds();
      console.log(`web answering after ${answered.toFixed(1)} s (${response.headers.has('x-atlas-first-start') ? 'the progress page' : 'the atlas'})`);
    }
    if (response.status === 200 && !response.headers.has('x-atlas-first-start')) browsable = seconds();
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
process.kill(-child.pid!, 'SIGTERM');
console.log(`uptime after: ${execSync('uptime').toString().trim()}`);
console.log(`web answering: ${answered?.toFixed(1) ?? 'never'} s; browsable atlas: ${browsable?.toFixed(1) ?? 'never (npm start exited)'} s`);
rmSync(dataDir, { recursive: true, force: true });
