import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/index.ts';
import { insertUnnest, chunkRanges } from '../src/sql/bulk.ts';
import { formatReal } from '../src/sql/arrays.ts';
const db = await openDatabase({ inMemory: true });
const n = 655360;
const f = new Float64Array(n), c = new Float64Array(n), p = new Float64Array(n), v = new Float64Array(n);
for (let i = 0; i < n; i++) { f[i] = Math.floor(i / 160); c[i] = (i * 7919) % 2000 + (Math.floor(i / 8) % 20) * 2000; p[i] = (i % 8) * 13; v[i] = Math.random() * 10; }
for (let round = 0; round < 2; round++) {
  await db.orm.execute(sql`truncate activations`);
  let t = performance.now();
  await db.transaction(async (tx) => {
    for (const [s, e] of chunkRanges(n, 100_000)) {
      await insertUnnest(tx, 'activations', [
        { name: 'feature_id', type: 'bigint', values: f.subarray(s, e) },
        { name: 'context_id', type: 'bigint', values: c.subarray(s, e) },
        { name: 'position', type: 'smallint', values: p.subarray(s, e) },
        { name: 'value', type: 'real', values: v.subarray(s, e) },
      ]);
    }
  });
  console.log('unnest', Math.round(n / ((performance.now() - t) / 1000)), 'rows/s');
  await db.orm.execute(sql`truncate activations`);
  t = performance.now();
  await db.transaction(async (tx) => {
    const client = (tx.orm as any).session.client;
    for (const [s, e] of chunkRanges(n, 100_000)) {
      const lines: string[] = [];
      for (let i = s; i < e; i++) lines.push(`${f[i]},${c[i]},${p[i]},${formatReal(v[i]!)}\n`);
      await client.query("copy activations from '/dev/blob' with (format csv)", [], { blob: new Blob([lines.join('')]) });
    }
  });
  console.log('copy', Math.round(n / ((performance.now() - t) / 1000)), 'rows/s');
}
await db.close();
