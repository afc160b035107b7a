import { flagsSchema, parseFlags, type Flags, type FlagValues, type Rule } from './flags/index.ts';

/** A command as the program registers it: its flags, and a run that validates commander's options first. */
export interface CliCommand {
  name: string;
  description: string;
  flags: Flags;
  /** An optional positional argument that fills one flag (`atlas search QUERY` = `--query QUERY`). */
  argument?: CommandArgument;
  /** Validates raw options (commander's strings) against the flags and rules, then runs. */
  run(raw: Record<string, unknown>): Promise<void>;
}

/** A positional argument: `name` as help shows it, and the key of the flag it fills. */
export interface CommandArgument {
  name: string;
  flag: string;
}

export interface CommandDeclaration<F extends Flags> {
  name: string;
  description: string;
  flags: F;
  /** One optional positional argument filling a flag of this command (given as either, not both). */
  argument?: { name: string; flag: keyof F & string };
  /** Rules across flags, checked after each flag's own. */
  rules?: readonly Rule<FlagValues<F>>[];
  /**
   * Receives valid, typed options. Heavy modules (models, the database) are imported inside,
   * so `atlas --help` loads none of them.
   */
  run(options: FlagValues<F>): Promise<void>;
}

/** One command, one file in commands/: its flags are declared once and typed all the way to `run`. */
export function defineCommand<F extends Flags>(declaration: CommandDeclaration<F>): CliCommand {
  const { name, description, flags, rules, run, argument } = declaration;
  return {
    name,
    description,
    flags,
    ...(argument ? { argument } : {}),
    run: (raw) => run(parseFlags(flagsSchema(flags, rules), raw)),
  };
}
