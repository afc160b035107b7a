import { sql, type SQL } from 'drizzle-orm';
import { IngestInputError } from '../errors.ts';

/**
 * Postgres array parameters written as one text literal (`{1,2,3}`) and cast in SQL. One
 * parameter per column, whatever the row count: `unnest($1::bigint[], $2::real[])` loads
 * many rows per statement without the 65,535-parameter limit, on PGlite and node-postgres alike.
 */
export type PgArrayType = 'bigint' | 'int' | 'smallint' | 'real' | 'text';

export function pgArray(values: ArrayLike<number> | readonly string[], type: PgArrayType): SQL {
  return sql`${pgArrayLiteral(values, type)}::${sql.raw(type)}[]`;
}

/** The array parameter of a prepared statement (preparedSelect): its value is `pgArrayLiteral(values, type)`. */
export function pgArrayPlaceholder(name: string, type: PgArrayType): SQL {
  return sql`${sql.placeholder(name)}::${sql.raw(type)}[]`;
}

/** The text literal pgArray sends. */
export function pgArrayLiteral(values: ArrayLike<number> | readonly string[], type: PgArrayType): string {
  return type === 'text' ? textArrayLiteral(values as readonly string[]) : numberArrayLiteral(values as ArrayLike<number>, type);
}

function numberArrayLiteral(values: ArrayLike<number>, type: PgArrayType): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || (type !== 'real' && !Number.isInteger(v))) {
      throw new IngestInputError(`not a finite ${type}: ${v} (element ${i}); the atlas stores finite numbers only (look for NaN or ∞ upstream)`);
    }
    parts[i] = type === 'real' ? formatReal(v) : String(v);
  }
  return `{${parts.join(',')}}`;
}

/** float4 keeps ~7 significant digits; more text only costs parse time. */
export function formatReal(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(7);
}

function textArrayLiteral(values: readonly string[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    parts[i] = `"${(values[i] as string).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}
