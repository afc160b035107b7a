import { HOOK_KINDS, type AbsentHook, type HookPoint } from './hook-point.ts';

/**
 * A plain-text table of hook points: name, shape `[batch, sequence, width]` and the graph tensor;
 * absent hooks, when given, take their place in block order with the reason instead.
 */
export function formatHookTable(hooks: readonly HookPoint[], absent: readonly AbsentHook[] = []): string {
  const entries = [
    ...hooks.map((hook) => ({ ...hook, row: [hook.name, `[${hook.shape.join(', ')}]`, hook.tensor] })),
    ...absent.map((hook) => ({ ...hook, row: [hook.name, '-', `absent: ${hook.reason}`] })),
  ].sort((a, b) => a.layer - b.layer || HOOK_KINDS.indexOf(a.kind) - HOOK_KINDS.indexOf(b.kind));
  const rows = [['hook', 'shape', 'graph tensor'], ...entries.map((entry) => entry.row)];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`.trimEnd()).join('\n');
}
