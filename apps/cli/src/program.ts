import { Command } from 'commander';
import type { CliCommand } from './define-command.ts';

/** The commander program: one subcommand per command, its options from the command's flag declarations. */
export function createProgram(commands: readonly CliCommand[]): Command {
  const program = new Command('atlas').description('Feature Atlas pipelines: corpus → activations → SAE → features → database.');
  // Usage errors are thrown rather than printed and exited on, so they reach main.ts's one report.
  // Subcommands inherit both settings.
  program.exitOverride().configureOutput({ outputError: () => {} });
  for (const command of commands) {
    const subcommand = program.command(command.name).description(command.description);
    for (const [key, flag] of Object.entries(command.flags)) subcommand.addOption(flag.option(key));
    subcommand.action((raw: Record<string, unknown>) => command.run(raw));
  }
  return program;
}
