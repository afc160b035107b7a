// `npm run bench:web:load [-- --duration 30 --connections 8 --build .next --build .next-before --profile]`:
// the web feature page under load alone (issue 16: ≥ 50 pages/s), for working on the web server's
// own cost. One API process on the demo atlas (ATLAS_DATA_DIR or .atlas; DATABASE_URL for Postgres),
// then `next start` for each --build in turn against it (folders under apps/web: `.next` by
// default; e.g. an earlier build copied aside to `.next-before`) — each warmed 10 s and then loaded for --duration s by autocannon
// (random demo features, closed loop; scripts/bench/api/web-load.ts). With --profile, `next start`
// runs under `node --cpu-prof` and its self time is summarised by package and by function.
// `next start` reads apps/web/next.config.ts as it is now, whichever build it serves.
// `npm run bench:api -- --scenario web` runs the same page beside a steer storm.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startApiProcess } from './api/api-process.ts';
import { printCpuProfile } from './api/cpu-profile.ts';
import { startNext, webPageLoad } from './api/web-load.ts';

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
    const web = await startNext(repoRoot, api.url, distDir, profileDir ? { profileDir } : {});
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
  for (const [name, dir] of profiles) printCpuProfile(`\`next start\` (${name})`, dir, 15);
} finally {
  await api.stop();
}
