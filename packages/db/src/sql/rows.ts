import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';

/** The parts of drizzle's node-postgres session queryRows uses to name a statement (not in its public types). */
interface NamingSession {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: false): { execute(): Promise<unknown> };
}
interface NamingOrm {
  session: NamingSession;
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/** Databases whose read statements are named (nameStatements). */
const namingDbs = new WeakSet<AtlasDb>();

/**
 * Names `db`'s read statements from now on (queryRows, namedSelect): for a Postgres server reached
 * directly, as the API reaches DATABASE_URL. Not for PGlite's socket server or a pooler in transaction
 * mode, where one server session serves many client connections and the names would collide; nor for a
 * transaction's handle (a new AtlasDb, so its statements stay unnamed).
 */
export function nameStatements(db: AtlasDb): void {
  if (db.kind === 'postgres') namingDbs.add(db);
}

/** Statement names by SQL text: the same text is the same prepared statement on every connection. */
const statementNames = new Map<string, string>();
const STATEMENT_NAMES_MAX = 1_000;

/** The statement's name, or undefined past the bound: texts that never repeat must not pile up prepared statements on every connection. */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < STATEMENT_NAMES_MAX) {
    name = `atlas_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs raw SQL and returns its rows (both drivers answer `{ rows }`). Row types are the caller's claim.
 * On a database given to nameStatements, the statement is named after its text, so each connection parses and plans it once and
 * then only binds and executes it (the read queries pass their ids as one array parameter, so their text
 * repeats): a feature page's statements cost Postgres and the API less.
 */
export async function queryRows<T>(db: AtlasDb, query: SQL): Promise<T[]> {
  if (namingDbs.has(db)) {
    const orm = db.orm as unknown as NamingOrm;
    const compiled = orm.dialect.sqlToQuery(query);
    const name = statementName(compiled.sql);
    if (name) return ((await orm.session.prepareQuery(compiled, undefined, name, false).execute()) as { rows: T[] }).rows;
  }
  const result = (await db.orm.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A drizzle select as far as namedSelect needs it. */
interface PreparableSelect<T> extends PromiseLike<T> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<T> };
}

/** Runs a drizzle select, named after its text on a database given to nameStatements (see queryRows). */
export async function namedSelect<T>(db: AtlasDb, select: PreparableSelect<T>): Promise<T> {
  const name = namingDbs.has(db) ? statementName(select.toSQL().sql) : undefined;
  return name ? select.prepare(name).execute() : select;
}
