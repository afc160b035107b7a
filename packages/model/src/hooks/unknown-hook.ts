import { ModelError } from '../errors.ts';
import type { AbsentHook } from './hook-point.ts';

/** The error for a hook name the model does not offer: why, when the block lacks that hook; else the valid names. */
export function unknownHookError(name: string, hookNames: readonly string[], absent: readonly AbsentHook[] = [], what = 'hook'): ModelError {
  const missing = absent.find((hook) => hook.name === name);
  if (missing) return new ModelError(`${name} does not exist in this model: ${missing.reason}.`);
  return new ModelError(`Unknown ${what} ${name}. Valid hooks: ${hookNames.join(', ')}.`);
}
