import { SelectError } from '../errors.ts';
import { bm25Method } from './bm25.ts';
import type { SelectionMethod } from './method.ts';
import { randomMethod } from './random.ts';
import { embeddingMethod, hiddenMethod, monaMethod } from './representation-methods.ts';

/** Every selection method by name; a new method is one module and one line here. */
export const SELECTION_METHODS = {
  mona: monaMethod,
  bm25: bm25Method,
  embedding: embeddingMethod,
  hidden: hiddenMethod,
  random: randomMethod,
} as const satisfies Record<string, SelectionMethod>;

export type SelectionMethodName = keyof typeof SELECTION_METHODS;

export const SELECTION_METHOD_NAMES = Object.keys(SELECTION_METHODS) as SelectionMethodName[];

export function selectionMethod(name: string): SelectionMethod {
  if (!Object.hasOwn(SELECTION_METHODS, name)) {
    throw new SelectError(`Unknown selection method ${JSON.stringify(name)}; use one of: ${SELECTION_METHOD_NAMES.join(', ')}.`);
  }
  return SELECTION_METHODS[name as SelectionMethodName];
}
