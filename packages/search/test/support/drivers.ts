import { openDatabase, type AtlasDb } from '@atlas/db';
import { openTestPostgresDatabase } from '@atlas/db/testing';
import { inject } from 'vitest';

const postgresUrl = inject('postgresUrl');

/**
 * Search runs on both databases an atlas can use: embedded PGlite, and a real Postgres with
 * pgvector (the test run's throwaway server, see packages/db/test/support/global-postgres.ts;
 * skipped where none is installed).
 */
export const drivers: [name: string, open: () => Promise<AtlasDb>][] = [
  ['pglite', () => openDatabase({ inMemory: true })],
  ...(postgresUrl ? [['postgres', () => openTestPostgresDatabase(postgresUrl)] as [string, () => Promise<AtlasDb>]] : []),
];
