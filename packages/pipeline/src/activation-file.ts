import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './errors.ts';

// The activation file format (writer, readers) lives in @atlas/activations; this is the CLI's check.

/** Checks that every `--activations` path exists, with the fix, before any file is opened. */
export function requireActivationPaths(paths: readonly string[]): void {
  for (const file of paths) {
    if (!existsSync(file)) {
      throw new UserError(`Activation file not found: ${path.resolve(file)}. Make one with \`atlas extract … --out FILE.safetensors\`.`);
    }
  }
}
