import { inject } from 'vitest';
import { openDatabase, type AtlasDb } from '@atlas/db';
import { openTestPostgresDatabase } from '@atlas/db/testing';

const postgresUrl = inject('postgresUrl');

/** In-memory PGlite, and a real Postgres with pgvector where the test run started one (global-postgres.ts). */
export const databases: [name: string, open: () => Promise<AtlasDb>][] = [
  ['pglite', () => openDatabase({ inMemory: true })],
  ...(postgresUrl ? [['postgres', () => openTestPostgresDatabase(postgresUrl)] as [string, () => Promise<AtlasDb>]] : []),
];
