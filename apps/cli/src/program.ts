import { Command } from 'commander';
import { CliError } from './cli-error.ts';
import type { CliCommand } from './define-command.ts';
import { flagName } from './flags/index.ts';

/** The commander program: one subcommand per command, its options from the command's flag declarations. */
export function createProgram(commands: readonly CliCommand[]): Command {
  const program = new Command('atlas').description('Feature Atlas pipelines: corpus → activations → SAE → features → database.');
  // Usage errors are thrown rather than printed and exited on, so they reach main.ts's one report.
  // Subcommands inherit both settings.
  program.exitOverride().configureOutput({ outputError: () => {} });
  for (const command of commands) {
    const subcommand = program.command(command.name).description(command.description);
    for (const [key, flag] of Object.entries(command.flags)) subcommand.addOption(flag.option(key));
    const { argument } = command;
    if (!argument) {
      subcommand.action((raw: Record<string, unknown>) => command.run(raw));
      continue;
    }
    subcommand.argument(`[${argument.name}]`, `the same as ${flagName(argument.flag)}`);
    subcommand.action((value: string | undefined, raw: Record<string, unknown>) => {
      if (value !== undefined && raw[argument.flag] !== undefined) {
        throw new CliError(`Give ${argument.name} once: as the argument or as ${flagName(argument.flag)}, not both.`);
      }
      return command.run(value === undefined ? raw : { ...raw, [argument.flag]: value });
    });
  }
  return program;
}
