/** Orders `rows` like `keys` (for DataLoader-style batch reads), leaving out keys without a row. */
export function inRequestOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  const ordered: R[] = [];
  for (const key of keys) {
    const row = byKey.get(key);
    if (row) ordered.push(row);
  }
  return ordered;
}
