/** DataLoader batch functions must answer in the order of their keys; these line results up. */

/** Orders rows like the keys; keys without a row get null. */
export function byKey<K, R>(keys: readonly K[], rows: Iterable<R>, keyOf: (row: R) => K): (R | null)[] {
  const found = new Map<K, R>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((key) => found.get(key) ?? null);
}

/** Values of a map in key order; missing keys get null. */
export function fromMap<K, V>(keys: readonly K[], map: Map<K, V>): (V | null)[] {
  return keys.map((key) => map.get(key) ?? null);
}

/** Lists of a map in key order; missing keys get an empty list. */
export function listsFromMap<K, V>(keys: readonly K[], map: Map<K, V[]>): V[][] {
  return keys.map((key) => map.get(key) ?? []);
}

/** A batch function that runs no query once its request is cancelled (the signal's reason is the answer). */
export function abortable<K, V>(signal: AbortSignal, batch: (keys: readonly K[]) => Promise<V[]>): (keys: readonly K[]) => Promise<V[]> {
  // async: DataLoader takes a batch function that throws synchronously for a bug, not a rejection.
  return async (keys) => {
    signal.throwIfAborted();
    return batch(keys);
  };
}
