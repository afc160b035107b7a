import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
const t0 = Date.now();
const pg = new PGlite({ extensions: { vector } });
await pg.exec('create extension if not exists vector');
console.log('start ms', Date.now() - t0);
console.log((await pg.query('select $1::int[] as a, $2::text[] as b, 5::bigint as c, 1.5::real as r, $3::int[] as d', ['{1,2}', '{"a\\"b",c}', [3,4]])).rows);
await pg.exec('create table a (f bigint, c bigint, p smallint, v real, primary key (f,c,p))');
const n = 200000;
let csv = '';
const parts: string[] = [];
for (let i = 0; i < n; i++) parts.push(`${i % 1000},${Math.floor(i / 1000)},${i % 7},${(Math.random()*5).toPrecision(7)}\n`);
csv = parts.join('');
let t = Date.now();
await pg.transaction(async (tx) => {
  await tx.query("COPY a FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([csv]) });
});
console.log('copy rows/s', n / ((Date.now() - t) / 1000));
await pg.exec('truncate a');
const f: number[] = [], c: number[] = [], p: number[] = [], v: string[] = [];
for (let i = 0; i < n; i++) { f.push(i % 1000); c.push(Math.floor(i / 1000)); p.push(i % 7); v.push((Math.random()*5).toPrecision(7)); }
t = Date.now();
const chunk = 50000;
for (let s = 0; s < n; s += chunk) {
  await pg.query('insert into a select * from unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::real[])', [
    `{${f.slice(s, s+chunk).join(',')}}`, `{${c.slice(s, s+chunk).join(',')}}`, `{${p.slice(s, s+chunk).join(',')}}`, `{${v.slice(s, s+chunk).join(',')}}`]);
}
console.log('unnest rows/s', n / ((Date.now() - t) / 1000));
console.log((await pg.query('select count(*) from a')).rows);
