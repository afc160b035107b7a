import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
let t = Date.now();
const client = await PGlite.create(undefined, { extensions: { vector } });
console.log('create', Date.now() - t); t = Date.now();
await migrate(drizzle({ client }), { migrationsFolder: '/work/main/db/migrations' });
console.log('migrate', Date.now() - t);
