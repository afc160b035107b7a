// Flags are declared once, as values of a command's `flags` object; see README.md.
import { choice, int, list, path, positiveInt, positiveNumber, text, toggle, url } from './kinds.ts';

export const flags = { positiveInt, int, positiveNumber, text, path, list, choice, toggle, url };
export { Flag, flagName, type Flags, type FlagValues, type FlagSpec } from './flag.ts';
export { flagsSchema, parseFlags, type Rule } from './parse-flags.ts';
