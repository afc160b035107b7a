// `npm run bench:web:load [-- --duration 30 --connections 8 --build .next --build .next-before --profile]`:
// the web feature page under load alone (issue 16: ≥ 50 pages/s), for working on the web server's
// own cost. One API process on the demo atlas (ATLAS_DATA_DIR or .atlas; DATABASE_URL for Postgres),
// then `next start` for each --build in turn against it (folders under apps/web: `.next` by
// default; e.g. an earlier build copied aside to `.next-before`) — each warmed 10 s and then loaded for --duration s by autocannon
// (random demo features, closed loop; scripts/bench/api/web-load.ts). With --profile, `next start`
// runs under `node --cpu-prof` and its self time is summarised by package and by function.
// `next start` reads apps/web/next.config.ts as it is now, whichever build it serves.
// `npm run bench:api -- --scenario web` runs the same page beside a steer storm.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startApiProcess } from './api/api-process.ts';
import { summariseCpuProfile } from './api/cpu-profile.ts';
import { startNext, webPageLoad } from './api/web-load.ts';
import { freePort } from '../../tests/support/web-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '8' },
    build: { type: 'string', multiple: true, default: ['.next'] },
    profile: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const builds = values.build.map((dir) => [dir.replace(/^\.next-?/, '') || 'ours', dir] as const);

const api = await startApiProcess(repoRoot);
const ms = (value: number) => value.toFixed(0);
try {
  console.log(`# npm run bench:web:load — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
  console.log('');
  console.log(`| build | pages | pages/s | p50 ms | p90 ms | p99 ms | max ms | errors | mean page kB |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const profiles: [string, string][] = [];
  for (const [name, distDir] of builds) {
    const profileDir = values.profile ? mkdtempSync(path.join(os.tmpdir(), `atlas-web-profile-${name}-`)) : undefined;
    const web = profileDir ? await startProfiledNext(api.url, distDir, profileDir) : await startNext(repoRoot, api.url, distDir);
    try {
      await webPageLoad(web.url, { duration: 10, connections });
      const f = await webPageLoad(web.url, { duration, connections });
      console.log(`| ${name} (${distDir}) | ${f.requests} | ${f.perSecond.toFixed(1)} | ${ms(f.p50)} | ${ms(f.p90)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.errors} | ${(f.meanBytes / 1024).toFixed(0)} |`);
      if (f.firstError) console.log(`first error (${name}): ${f.firstError}`);
    } finally {
      await web.stop();
    }
    if (profileDir) profiles.push([name, profileDir]);
  }
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const [name, dir] of profiles) {
    const { byOwner, byFunction } = summariseCpuProfile(dir, 15);
    console.log('');
    console.log(`CPU profile of \`next start\` (${name}, ${dir}), self time:`);
    for (const [who, share] of byOwner) console.log(`- ${(share * 100).toFixed(1)}% ${who}`);
    console.log('Top functions:');
    for (const [fn, share] of byFunction) console.log(`- ${(share * 100).toFixed(1)}% ${fn}`);
  }
} finally {
  await api.stop();
}

/**
 * `node --cpu-prof next start` (Node refuses --cpu-prof in NODE_OPTIONS, so not through startNext);
 * `stop` waits for the exit, when the profile is written.
 */
async function startProfiledNext(apiUrl: string, distDir: string, profileDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, path.join(repoRoot, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: path.join(repoRoot, 'apps/web'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ATLAS_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', ...(distDir === '.next' ? {} : { ATLAS_WEB_DIST_DIR: distDir }) },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`next start (${distDir}) exited with status ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return { url, stop };
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`next start (${distDir}) did not answer on ${url} within 2 minutes`);
}
