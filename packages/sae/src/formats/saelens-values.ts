/** A cfg.json value that must be a positive integer; `fail` names the file. */
export function positiveIntegerField(value: unknown, name: string, fail: (problem: string) => never): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    return fail(`"${name}" must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** TopK's k: top-level `k` (v6) or `activation_fn_kwargs.k` (before SAELens 6). */
export function topKField(json: Record<string, unknown>, fail: (problem: string) => never): number {
  const kwargs = (json.activation_fn_kwargs ?? {}) as Record<string, unknown>;
  return positiveIntegerField(json.k ?? kwargs.k, 'k', fail);
}
