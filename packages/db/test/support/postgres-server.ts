import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type AtlasDb } from '../../src/index.ts';

// What global-postgres.ts provides to the tests (declared here: every user of it imports this file).
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's real Postgres server with pgvector, or null where there is none. */
    postgresUrl: string | null;
  }
}

export type PostgresServer = {
  url: string;
  logFile: string;
  stop(): void;
  /** Stops the server, keeping its data: 'fast' ends sessions cleanly, 'immediate' as a crash would. */
  halt(mode?: 'fast' | 'immediate'): void;
  /** Starts a halted server again on the same port and data. */
  resume(): void;
};

/** The newest local Postgres server binaries (Debian layout), if any. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * A throwaway real Postgres server (initdb + pg_ctl in a temp folder, trust auth, every statement
 * logged unless `logStatements: false`, as benchmarks want), or undefined where no server
 * binaries are installed. Postgres refuses to run as root,
 * so as root it runs as the `postgres` user.
 */
export function startPostgres({ logStatements }: { logStatements?: boolean } = {}): PostgresServer | undefined {
  const bin = postgresBin();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args, { stdio: 'pipe' });
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-pg-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c log_statement=${logStatements === false ? 'none' : 'all'}`;
  run('pg_ctl', ['-D', data, '-l', logFile, '-w', 'start', '-o', serverOptions]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    logFile,
    halt: (mode = 'fast') => {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    resume: () => {
      run('pg_ctl', ['-D', data, '-l', logFile, '-w', 'start', '-o', serverOptions]);
    },
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let databaseCount = 0;

/** A new, empty database on a test Postgres server (admin URL), and a way to drop it. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `atlas_test_${process.pid}_${(databaseCount += 1)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database ${name} with (force)`) };
}

/** A fresh database on a test Postgres server, migrated by `openDatabase`; its `close()` also drops it. */
export async function openTestPostgresDatabase(adminUrl: string): Promise<AtlasDb> {
  const database = await createTestDatabase(adminUrl);
  const db = await openDatabase({ url: database.url });
  const close = db.close;
  // The same object, not a copy: migrate() finds its migrator by the database object.
  return Object.assign(db, {
    close: async () => {
      await close();
      await database.drop();
    },
  });
}
