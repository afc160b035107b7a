import { z } from 'zod';
import { Flag, type FlagSpec, type ValueOf } from './flag.ts';

// Each kind turns a spec into a Flag: the value's default name in help, and the check that
// coerces commander's strings and says, naming the flag, what a good value looks like.

const number = (flag: string) => z.coerce.number({ error: `${flag} must be a number` });
const wholeNumber = (flag: string) => number(flag).int(`${flag} must be a whole number`);

/** A count: 1, 2, 3, … */
export function positiveInt<const Spec extends FlagSpec<number>>(spec: Spec): Flag<ValueOf<number, Spec>> {
  return Flag.declare(spec, (flag) => wholeNumber(flag).positive(`${flag} must be at least 1`), { arg: 'n' });
}

/** A whole number, optionally bounded (`{ min: 0 }`: 0 or more). */
export function int<const Spec extends FlagSpec<number> & { min?: number; max?: number }>(spec: Spec): Flag<ValueOf<number, Spec>> {
  const { min, max } = spec;
  const range =
    min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `${min} or more` : `at most ${max}`;
  return Flag.declare(spec, (flag) => {
    let check = wholeNumber(flag);
    if (min !== undefined) check = check.min(min, `${flag} must be ${range}`);
    if (max !== undefined) check = check.max(max, `${flag} must be ${range}`);
    return check;
  }, { arg: 'n' });
}

/** A positive real number (a learning rate, a scale). */
export function positiveNumber<const Spec extends FlagSpec<number>>(spec: Spec): Flag<ValueOf<number, Spec>> {
  return Flag.declare(spec, (flag) => number(flag).positive(`${flag} must be positive`), { arg: 'x' });
}

/** Free text, optionally matching a pattern; `rule` completes "--flag …" when it does not. */
export function text<const Spec extends FlagSpec<string> & { pattern?: RegExp; rule?: string }>(spec: Spec): Flag<ValueOf<string, Spec>> {
  const { pattern, rule } = spec;
  return Flag.declare(spec, (flag) => {
    const check = z.string().min(1, `${flag} must not be empty`);
    return pattern ? check.regex(pattern, `${flag} ${rule ?? `must match ${pattern}`}`) : check;
  }, { arg: 'text' });
}

/** A file or folder path; `extension` requires a suffix (`.safetensors`). Existence is the command's to check. */
export function path<const Spec extends FlagSpec<string> & { extension?: string }>(spec: Spec): Flag<ValueOf<string, Spec>> {
  const { extension } = spec;
  return Flag.declare(spec, (flag) => {
    const check = z.string().min(1, `${flag} must not be empty`);
    return extension ? check.endsWith(extension, `${flag} must end in ${extension}`) : check;
  }, { arg: 'path' });
}

/** Every value after the flag (`--activations a.npy b.npy shards/`); always a list. */
export function list<const Spec extends FlagSpec<string[]>>(spec: Spec): Flag<ValueOf<string[], Spec>> {
  return Flag.declare(spec, (flag) => z
    .union([z.string(), z.array(z.string())], { error: `${flag} takes one or more values` })
    .transform((value) => (typeof value === 'string' ? [value] : value)), { arg: 'values', variadic: true });
}

/** One of a fixed list of values; anything else is refused with the list. */
export function choice<const Values extends readonly [string, ...string[]], const Spec extends FlagSpec<Values[number]>>(
  values: Values,
  spec: Spec,
): Flag<ValueOf<Values[number], Spec>> {
  return Flag.declare(spec, (flag) => z.enum(values, {
    error: (issue) => `${flag} ${String(issue.input)} is not supported; supported: ${values.join(', ')}`,
  }), { arg: 'name' });
}

/** On/off. On by default, the flag is `--no-<name>` (`--no-atoms`); off by default, `--<name>`. */
export function toggle<const Spec extends Omit<FlagSpec<boolean>, 'arg' | 'required'> & { default: boolean }>(spec: Spec): Flag<boolean> {
  return Flag.declare(spec, () => z.boolean(), { arg: '', switch: true });
}

/** A URL with one of the given protocols (`['http:', 'https:']`); `example` shows a good one. */
export function url<const Spec extends FlagSpec<string> & { protocols: readonly string[]; example: string }>(spec: Spec): Flag<ValueOf<string, Spec>> {
  const { protocols, example } = spec;
  return Flag.declare(spec, (flag) => z.string().refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
    error: `${flag} must be a ${protocols.map((protocol) => `${protocol}//`).join(' or ')} URL, e.g. ${example}`,
  }), { arg: 'url' });
}
