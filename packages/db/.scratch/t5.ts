import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/index.ts';
import { insertUnnest, chunkRanges } from '../src/sql/bulk.ts';
const db = await openDatabase({ inMemory: true });
const n = 655360;
const rows = Array.from({ length: n }, (_, i) => [Math.floor(i / 160), (i * 7919) % 2000 + (Math.floor(i / 8) % 20) * 2000, (i % 8) * 13, Math.random() * 10] as const);
async function load(label: string, data: readonly (readonly number[])[]) {
  await db.orm.execute(sql`truncate activations`);
  const t = performance.now();
  await db.transaction(async (tx) => {
    for (const [s, e] of chunkRanges(n, 100_000)) {
      const chunk = data.slice(s, e);
      await insertUnnest(tx, 'activations', [
        { name: 'feature_id', type: 'bigint', values: chunk.map((r) => r[0]!) },
        { name: 'context_id', type: 'bigint', values: chunk.map((r) => r[1]!) },
        { name: 'position', type: 'smallint', values: chunk.map((r) => r[2]!) },
        { name: 'value', type: 'real', values: chunk.map((r) => r[3]!) },
      ]);
    }
  });
  console.log(label, Math.round(n / ((performance.now() - t) / 1000)), 'rows/s');
}
const sorted = [...rows].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
for (let r = 0; r < 2; r++) { await load('as given', rows); await load('sorted', sorted); }
await db.close();
