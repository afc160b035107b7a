import { flagsSchema, parseFlags, type Flags, type FlagValues, type Rule } from './flags/index.ts';

/** A command as the program registers it: its flags, and a run that validates commander's options first. */
export interface CliCommand {
  name: string;
  description: string;
  flags: Flags;
  /** Validates raw options (commander's strings) against the flags and rules, then runs. */
  run(raw: Record<string, unknown>): Promise<void>;
}

export interface CommandDeclaration<F extends Flags> {
  name: string;
  description: string;
  flags: F;
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
  const { name, description, flags, rules, run } = declaration;
  return {
    name,
    description,
    flags,
    run: (raw) => run(parseFlags(flagsSchema(flags, rules), raw)),
  };
}
