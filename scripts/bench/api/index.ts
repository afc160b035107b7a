// `npm run bench:api [-- --rate 200 --duration 60 --connections 32 --load autocannon|paced --storm 4 --profile --scenario api|web|all]`:
// the API under mixed feature-page reads at a fixed rate (autocannon, localhost; `--load paced`: a steady
// open-loop schedule instead of autocannon's per-second bursts, see pacedLoad), then the same
// with a storm of `steer` requests beside it; then (scenario web) the web feature page served by
// `next start` (a production build; built first if missing) at full speed, alone and beside the
// storm. p50/p99, errors, RSS, the API's CPU per request (steadier than requests/s on a shared
// machine), and with --profile where the API's CPU went (node --cpu-prof). Per-statement SQL cost:
// `npm run bench:api:sql` (sql-profile.ts).
// Runs on the demo atlas (`npx atlas build-demo`; DATABASE_URL for Postgres).
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSeconds, rssMb, startApiProcess } from './api-process.ts';
import { printCpuProfile } from './cpu-profile.ts';
import { pacedLoad, readLoad, steerStorm, steerUnavailable, type LoadFigures, type StormFigures } from './load.ts';
import { listCursors } from './read-mix.ts';
import { startNext, webPageLoad } from './web-load.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    storm: { type: 'string', default: '4' },
    profile: { type: 'boolean', default: false },
    scenario: { type: 'string', default: 'all' },
    load: { type: 'string', default: 'autocannon' },
    'web-connections': { type: 'string', default: '8' },
    'web-before': { type: 'string' },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const connections = Number(values.connections);
const stormClients = Number(values.storm);
for (const name of ['rate', 'duration', 'connections', 'storm', 'web-connections'] as const) {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < (name === 'storm' ? 0 : 1)) {
    console.error(`--${name} ${values[name]}: expected a whole number${name === 'storm' ? ' (0 for no storm)' : ' ≥ 1'}.`);
    process.exit(2);
  }
}
const scenario = values.scenario;
if (!['api', 'web', 'all'].includes(scenario)) {
  console.error(`--scenario ${scenario}: expected api, web or all.`);
  process.exit(2);
}
const webConnections = Number(values['web-connections']);
const load = values.load;
if (load !== 'autocannon' && load !== 'paced') {
  console.error(`--load ${load}: expected autocannon (its fixed rate: each connection's share sent back to back at the start of every second) or paced (a steady open-loop schedule).`);
  process.exit(2);
}
/** One read run at the bench's rate, by the chosen load generator. */
const readsAtRate = (url: string, cursors: readonly (string | null)[]) =>
  load === 'paced' ? pacedLoad(url, cursors, { rate, duration }) : readLoad(url, cursors, { rate, duration, connections });

if (!process.env['DATABASE_URL'] && !existsSync(path.join(process.env['ATLAS_DATA_DIR'] ?? path.join(repoRoot, '.atlas'), 'pgdata'))) {
  console.error('No demo atlas: run `npx atlas build-demo` (or `npm start` once) first, or set DATABASE_URL.');
  process.exit(2);
}

const profileDir = values.profile ? mkdtempSync(path.join(os.tmpdir(), 'atlas-api-profile-')) : undefined;
const api = await startApiProcess(repoRoot, profileDir ? { profileDir } : {});
let peakRss = await rssMb(api.pid);
const sampler = setInterval(() => {
  rssMb(api.pid).then((mb) => { peakRss = Math.max(peakRss, mb); }, () => {});
}, 1_000);

const ms = (value: number) => value.toFixed(0);
const row = (name: string, f: LoadFigures) =>
  `| ${name} | ${f.requests} | ${f.perSecond.toFixed(0)} | ${ms(f.p50)} | ${ms(f.p90)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.errors} |`;
/** A read run with the API process's CPU per request beside it (all its threads). */
async function measuredReads(run: () => Promise<LoadFigures>): Promise<LoadFigures & { cpuMsPerRequest: number }> {
  const before = await cpuSeconds(api.pid);
  const figures = await run();
  const used = (await cpuSeconds(api.pid)) - before;
  return { ...figures, cpuMsPerRequest: figures.requests > 0 ? (used * 1000) / figures.requests : 0 };
}
const stormLine = (storm: StormFigures) =>
  `Steer storm: ${storm.sent} sent, ${storm.answered} answered (p50 ${ms(storm.p50)} ms, max ${ms(storm.max)} ms), ${storm.queueFull} refused with RATE_LIMITED (queue full), ${storm.otherErrors} other errors.`;

try {
  console.log(`# npm run bench:api — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}; database ${process.env['DATABASE_URL'] ? 'Postgres' : 'PGlite (demo atlas)'}`);
  if (stormClients > 0) {
    const reason = await steerUnavailable(api.url);
    if (reason) {
      throw new Error(`The steer storm cannot run on this atlas (${reason}). Make the model's folder available as the message says, or pass --storm 0 to measure reads alone.`);
    }
  }
  if (scenario !== 'web') {
    const cursors = await listCursors(api.url);
    console.error(`warm-up (10 s at ${Math.min(rate, 50)}/s)…`);
    await readLoad(api.url, cursors, { rate: Math.min(rate, 50), duration: 10, connections });
    console.error(`reads at ${rate}/s for ${duration} s…`);
    const reads = await measuredReads(() => readsAtRate(api.url, cursors));
    console.error(`reads at ${rate}/s for ${duration} s with ${stormClients} clients steering…`);
    const running = measuredReads(() => readsAtRate(api.url, cursors));
    const [mixed, storm] = await Promise.all([running, steerStorm(api.url, stormClients, running)]);
    console.log('');
    const generator = load === 'paced' ? 'a steady open-loop schedule (--load paced)' : `autocannon, ${connections} connections`;
    console.log(`Mixed reads (feature summary 35%, feature detail 35%, list page 15%, catalog 10%, SAE 5%) at ${rate} requests/s for ${duration} s, ${generator}:`);
    console.log('');
    console.log('| run | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    console.log(row('reads', reads));
    console.log(row(stormClients > 0 ? `reads + steer storm (${stormClients} clients)` : 'reads, second run (--storm 0)', mixed));
    console.log('');
    console.log(`API CPU per request (all its threads): ${reads.cpuMsPerRequest.toFixed(1)} ms in the reads run, ${mixed.cpuMsPerRequest.toFixed(1)} ms with the steer storm (generation included).`);
    console.log(stormLine(storm));
    for (const [name, f] of [['reads', reads], ['mixed', mixed]] as const) if (f.firstError) console.log(`first error (${name}): ${f.firstError}`);
    if (storm.firstError) console.log(`first steer error: ${storm.firstError}`);
  }
  if (scenario !== 'api') {
    // The build under test first; then, with --web-before, the earlier build copied to that folder
    // (its reads warm the API's cache less than ours did, so the order favours the earlier build).
    const builds: [string, string][] = [['ours', '.next'], ...(values['web-before'] ? [['before', values['web-before']] as [string, string]] : [])];
    console.log('');
    console.log(`Web feature page (\`next start\`, random demo features, ${webConnections} connections, closed loop), ${duration} s per run:`);
    console.log('');
    console.log('| build | run | pages | pages/s | p50 ms | p90 ms | p99 ms | max ms | errors |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const notes: string[] = [];
    for (const [name, distDir] of builds) {
      const web = await startNext(repoRoot, api.url, distDir);
      try {
        console.error(`web (${name}) warm-up (10 s)…`);
        await webPageLoad(web.url, { duration: 10, connections: webConnections });
        console.error(`web (${name}) feature pages for ${duration} s…`);
        const pages = await webPageLoad(web.url, { duration, connections: webConnections });
        console.error(`web (${name}) feature pages for ${duration} s with ${stormClients} clients steering…`);
        const running = webPageLoad(web.url, { duration, connections: webConnections });
        const [mixed, storm] = await Promise.all([running, steerStorm(api.url, stormClients, running)]);
        console.log(`| ${name} (${distDir}) ${row('feature pages', pages).slice(2)}`);
        console.log(`| ${name} (${distDir}) ${row(stormClients > 0 ? `feature pages + steer storm (${stormClients} clients)` : 'feature pages, second run (--storm 0)', mixed).slice(2)}`);
        notes.push(`${name}: mean page ${(pages.meanBytes / 1024).toFixed(0)} kB; ${stormLine(storm)}`);
        for (const [run, f] of [['pages', pages], ['mixed', mixed]] as const) if (f.firstError) notes.push(`${name}: first error (${run}): ${f.firstError}`);
      } finally {
        await web.stop();
      }
    }
    console.log('');
    for (const note of notes) console.log(note);
    console.log(`load average after the web runs: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  }
  console.log(`API peak RSS: ${peakRss.toFixed(0)} MB.`);
} finally {
  clearInterval(sampler);
  await api.stop();
}

if (profileDir) printCpuProfile('the API process', profileDir);
