import { Option } from 'commander';
import { z } from 'zod';

/** What every flag declaration says: its help line, its value's name, and whether it may be left out. */
export interface FlagSpec<Value> {
  /** The help line `atlas <command> --help` shows. */
  help: string;
  /** The value's name: `--model <dir>` in help, "--model DIR is required" in errors. */
  arg?: string;
  /** Used when the flag is left out; `--help` shows it. */
  default?: Value;
  /** The flag must be given; a string says what to pass ("a Hugging Face ONNX folder, e.g. …"). */
  required?: string | true;
}

/** The value a command receives: always set with a default or when required, else possibly undefined. */
export type ValueOf<Value, Spec> = Spec extends { default: Value } ? Value : Spec extends { required: string | true } ? Value : Value | undefined;

interface Declaration {
  help: string;
  arg: string | undefined;
  defaultValue: unknown;
  required: string | true | undefined;
  env: string | undefined;
  /** `--paths <paths...>`: every value after the flag. */
  variadic: boolean;
  /** A switch: `--name` (off by default) or `--no-name` (on by default). */
  switch: boolean;
}

/**
 * One flag, declared once: it yields the commander option (help, default and env shown), the zod
 * schema that validates, coerces and defaults its value, and that value's type. The flag's name
 * comes from its key in the command's flags (`seqLen` is `--seq-len`), so messages always name it.
 */
export class Flag<Value> {
  /** Only for typing: the value a command receives. */
  declare readonly value: Value;

  constructor(
    private readonly declaration: Declaration,
    /** Validates and coerces a given value; messages name the flag. */
    private readonly check: (flag: string) => z.ZodType,
  ) {}

  static declare<Value, Spec extends FlagSpec<unknown>>(
    spec: Spec,
    check: (flag: string) => z.ZodType,
    options: { arg: string; variadic?: boolean; switch?: boolean },
  ): Flag<ValueOf<Value, Spec>> {
    return new Flag({
      help: spec.help,
      arg: spec.arg ?? options.arg,
      defaultValue: spec.default,
      required: spec.required,
      env: undefined,
      variadic: options.variadic ?? false,
      switch: options.switch ?? false,
    }, check);
  }

  /** Also read from an environment variable when the flag is not given (`--help` names it). */
  env(variable: string): Flag<Value> {
    return new Flag({ ...this.declaration, env: variable }, this.check);
  }

  /** The commander option for this flag under its key (`seqLen` → `--seq-len <n>`). */
  option(key: string): Option {
    const { help, defaultValue, env } = this.declaration;
    const option = new Option(this.usage(key), help);
    // A `--no-x` switch defaults to on by itself; showing "(default: true)" would only confuse.
    if (defaultValue !== undefined && !this.declaration.switch) option.default(defaultValue);
    if (env) option.env(env);
    return option;
  }

  /** The schema of this flag's value under its key: required, defaulted or optional. */
  schema(key: string): z.ZodType<Value> {
    const schema = this.presence(flagName(key));
    // An empty environment variable means "not set", as everywhere else.
    return (this.declaration.env ? z.preprocess((given) => (given === '' ? undefined : given), schema) : schema) as z.ZodType<Value>;
  }

  private presence(flag: string): z.ZodType {
    const { defaultValue, required, env, arg, variadic } = this.declaration;
    const check = this.check(flag);
    if (defaultValue !== undefined) return check.default(defaultValue as never);
    if (required === undefined) return check.optional();
    const value = this.declaration.switch ? '' : ` ${(arg ?? '').toUpperCase()}${variadic ? '...' : ''}`;
    const message = `${flag}${value}${env ? ` (or ${env})` : ''} is required${typeof required === 'string' ? ` (${required})` : ''}`;
    return z.unknown().refine((given) => given !== undefined, { error: message, abort: true }).pipe(check as never);
  }

  private usage(key: string): string {
    const { arg, variadic } = this.declaration;
    if (this.declaration.switch) return this.declaration.defaultValue === true ? `--no-${kebab(key)}` : flagName(key);
    return `${flagName(key)} <${arg}${variadic ? '...' : ''}>`;
  }
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** `seqLen` → `--seq-len`, as commander maps it back. */
export const flagName = (key: string) => `--${kebab(key)}`;

/** The flags of a command, by the key its options object uses. */
export type Flags = Record<string, Flag<unknown>>;

/** The typed options object a command receives from its flags. */
export type FlagValues<F extends Flags> = { [Key in keyof F]: F[Key]['value'] };
