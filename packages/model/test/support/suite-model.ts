import { rmSync } from 'node:fs';
import type { LanguageModel } from '../../src/index.ts';

/** Ends a describe's model: disposes its sessions and removes the folder the test wrote. */
export async function disposeAndRemove(model: LanguageModel | undefined, dir: string): Promise<void> {
  await model?.dispose();
  rmSync(dir, { recursive: true, force: true });
}
