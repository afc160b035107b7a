import { customType, timestamp } from 'drizzle-orm/pg-core';

/**
 * pgvector `halfvec` without a fixed dimension: SAEs differ in d_in, so one column holds
 * vectors of any length. HNSW indexes are per SAE, over `(decoder::halfvec(d))`
 * (see `createDecoderIndex`). Text form `[0.1,0.2,...]` both ways.
 */
export const halfvec = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'halfvec',
  toDriver: (value) => formatVector(value),
  fromDriver: (value) => parseVector(value),
});

/** Raw bytes (`bytea`): a Uint8Array in, a Uint8Array out (node-postgres hands back a Buffer, itself a Uint8Array). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/** Postgres full-text search vector (read as its text form; written only by generated columns). */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

/** `created_at`-style column: timestamptz, defaults to now(). */
export const createdAt = (name = 'created_at') =>
  timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** `[v0,v1,...]` with 4 significant digits: halfvec keeps ~3.3, so nothing is lost. */
export function formatVector(values: ArrayLike<number>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    parts[i] = v === 0 ? '0' : String(Number(v.toPrecision(4)));
  }
  return `[${parts.join(',')}]`;
}

export function parseVector(text: string): number[] {
  const body = text.slice(1, -1);
  return body.length === 0 ? [] : body.split(',').map(Number);
}
