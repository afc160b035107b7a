// `npm run bench:api:sql [-- --requests 400]`: where the read mix's database time
// goes on the embedded database. Opens the atlas's PGlite in this process (ATLAS_DATA_DIR, as
// `npm start` does), times every SQL statement the API sends, runs the read mix's requests one at
// a time, and prints the statements by total time and the requests by mean time. One request at a
// time, so the figures are service times without queueing. SQL_WIDTH=2000 prints whole statements.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '@atlas/db';
import { createApiServer } from '../../../apps/api/src/server.ts';
import { listCursors, readRequest } from './read-mix.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '400' } } });
const db = await openDatabase();
if (db.kind !== 'pglite') {
  await db.close();
  console.error('bench:api:sql profiles the embedded database: unset DATABASE_URL (Postgres has pg_stat_statements for this).');
  process.exit(2);
}
const client = (db.orm as unknown as { $client: PGlite }).$client;
const statements = new Map<string, { count: number; ms: number }>();
let statementCount = 0;
const query = client.query.bind(client);
// PGlite runs one statement at a time anyway; queueing them here too makes each timing the
// statement's own, not its wait behind the request's other batched queries.
let queue: Promise<unknown> = Promise.resolve();
client.query = ((text: string, ...rest: unknown[]) => {
  const run = queue.then(() => timed(text, rest), () => timed(text, rest));
  queue = run.catch(() => {});
  return run;
}) as PGlite['query'];
async function timed(text: string, rest: unknown[]): Promise<unknown> {
  const start = performance.now();
  try {
    return await (query as (...args: unknown[]) => Promise<unknown>)(text, ...rest);
  } finally {
    const key = text.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)+/g, '$n…').slice(0, Number(process.env['SQL_WIDTH'] ?? 160));
    const entry = statements.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += performance.now() - start;
    statements.set(key, entry);
    statementCount += 1;
  }
}

const server = await createApiServer({ db, port: 0, logger: { debug() {}, info() {}, warn() {}, error: console.error }, jobs: { workers: 0 } });
try {
  const cursors = await listCursors(server.url);
  statements.clear();
  const byOperation = new Map<string, { count: number; ms: number; statements: number }>();
  const total = Number(values.requests);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < total; i += 1) {
    const body = readRequest(cursors);
    const name = /query (\w+)/.exec(body.query)?.[1] ?? 'other';
    const start = performance.now();
    const statementsBefore = statementCount;
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as { errors?: unknown };
    if (json.errors) throw new Error(`${name}: ${JSON.stringify(json.errors).slice(0, 300)}`);
    const entry = byOperation.get(name) ?? { count: 0, ms: 0, statements: 0 };
    entry.count += 1;
    entry.ms += performance.now() - start;
    entry.statements += statementCount - statementsBefore;
    byOperation.set(name, entry);
  }
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const sqlMs = [...statements.values()].reduce((sum, s) => sum + s.ms, 0);
  console.log(`${total} requests one at a time in ${(wall / 1000).toFixed(1)} s (${(total / (wall / 1000)).toFixed(0)}/s); this process's CPU ${(cpuMs / total).toFixed(1)} ms per request (client included); SQL ${(sqlMs / 1000).toFixed(1)} s (${((sqlMs / wall) * 100).toFixed(0)}%), ${[...statements.values()].reduce((s, e) => s + e.count, 0)} statements`);
  console.log('\nRequests by operation (mean ms):');
  for (const [name, e] of [...byOperation].sort((a, b) => b[1].ms - a[1].ms)) console.log(`- ${name}: ${e.count} × ${(e.ms / e.count).toFixed(1)} ms = ${(e.ms / 1000).toFixed(2)} s, ${(e.statements / e.count).toFixed(1)} statements each`);
  console.log('\nStatements by total time:');
  for (const [text, e] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    console.log(`- ${(e.ms / 1000).toFixed(2)} s, ${e.count} × ${(e.ms / e.count).toFixed(2)} ms: ${text}`);
  }
} finally {
  await server.stop();
  await db.close();
}
