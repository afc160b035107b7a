import { PGlite } from '@electric-sql/pglite';
const pg = new PGlite();
await pg.exec(`create table f (id bigint primary key); create table c (id bigint primary key);
insert into f select generate_series(0,999); insert into c select generate_series(0,9999);`);
const n = 300000;
const parts: string[] = [];
for (let i = 0; i < n; i++) parts.push(`${i % 1000},${Math.floor(i / 30)},${i % 30},${(Math.random()*5).toPrecision(7)}\n`);
const csv = parts.join('');
async function run(name: string, ddl: string) {
  await pg.exec('drop table if exists a;' + ddl);
  const t = Date.now();
  await pg.transaction(async (tx) => { await tx.query("COPY a FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([csv]) }); });
  console.log(name, Math.round(n / ((Date.now() - t) / 1000)), 'rows/s');
}
await run('pk only', 'create table a (f bigint, c bigint, p smallint, v real, primary key (f,c,p))');
await run('pk+fk f', 'create table a (f bigint references f(id) on delete cascade, c bigint, p smallint, v real, primary key (f,c,p))');
await run('pk+fk f,c', 'create table a (f bigint references f(id) on delete cascade, c bigint references c(id) on delete cascade, p smallint, v real, primary key (f,c,p))');
await run('pk+fk f,c + idx c', 'create table a (f bigint references f(id) on delete cascade, c bigint references c(id) on delete cascade, p smallint, v real, primary key (f,c,p)); create index on a(c)');
