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
 * Names `db`'s read statements from now on (queryRows, preparedSelect): for a Postgres server reached
 * directly, as the API reaches DATABASE_URL. Not for PGlite's socket server or a pooler in transaction
 * mode, where one server session serves many client connections and the names would collide; nor for a
 * transaction's handle (a new AtlasDb, so its statements stay unnamed).
 */
export function nameStatements(db: AtlasDb): void {
  if (db.kind !== 'postgres') return;
  namingDbs.add(db);
  // Selects prepared before now were prepared unnamed.
  preparedByDb.delete(db);
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

/** A drizzle select as far as preparedSelect needs it. */
interface PreparableSelect<T> {
  toSQL(): { sql: string };
  prepare(name: string): PreparedSelect<T>;
}
interface PreparedSelect<T> {
  execute(values: Record<string, unknown>): Promise<T>;
}

/** Each database's prepared selects, by the function that builds them. */
const preparedByDb = new WeakMap<AtlasDb, Map<(db: AtlasDb) => PreparableSelect<unknown>, PreparedSelect<unknown>>>();

/**
 * Runs the select `build` makes, with `values` for its placeholders (`sql.placeholder(name)`). The
 * select is built and compiled once per database, not per call: drizzle's select builder costs the
 * API ~0.1–0.3 ms per statement, and a feature page runs its feature-row select five times. On a
 * database given to nameStatements it is also named after its text (see queryRows). `build` must be
 * a module-level function whose SQL depends on nothing but `db`.
 */
export function preparedSelect<T>(db: AtlasDb, build: (db: AtlasDb) => PreparableSelect<T>, values: Record<string, unknown>): Promise<T> {
  let byBuild = preparedByDb.get(db);
  if (!byBuild) {
    byBuild = new Map();
    preparedByDb.set(db, byBuild);
  }
  let statement = byBuild.get(build) as PreparedSelect<T> | undefined;
  if (!statement) {
    const select = build(db);
    // Unnamed (name undefined) unless the database names its statements: node-postgres then sends it unnamed, PGlite ignores names.
    const name = namingDbs.has(db) ? statementName(select.toSQL().sql) : undefined;
    statement = select.prepare(name as string);
    byBuild.set(build, statement as PreparedSelect<unknown>);
  }
  return statement.execute(values);
}
