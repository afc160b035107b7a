/* global URL, console */
// drizzle-kit does not emit CREATE EXTENSION: put pgvector's at the top of the first migration
// (idempotent; run by `npm run db:generate` after drizzle-kit).
import { readFileSync, writeFileSync } from 'node:fs';

const folder = new URL('../../../db/migrations/', import.meta.url);
const journal = JSON.parse(readFileSync(new URL('meta/_journal.json', folder), 'utf8'));
const first = journal.entries.find((entry) => entry.idx === 0);
if (!first) throw new Error('db/migrations has no first migration; run drizzle-kit generate first');

const file = new URL(`${first.tag}.sql`, folder);
const statement = 'CREATE EXTENSION IF NOT EXISTS vector;';
const text = readFileSync(file, 'utf8');
if (!text.startsWith(statement)) {
  writeFileSync(file, `${statement}--> statement-breakpoint\n${text}`);
  console.log(`added "${statement}" to db/migrations/${first.tag}.sql`);
}
