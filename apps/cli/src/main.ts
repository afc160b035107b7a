import { COMMANDS } from './command-list.ts';
import { createProgram } from './program.ts';
import { reportError } from './report-error.ts';

/** Runs the atlas CLI on `process.argv`-style arguments; failures set the exit status (see report-error.ts). */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await createProgram(COMMANDS).parseAsync([...argv]);
  } catch (error) {
    process.exitCode = reportError(error, usageOf(argv));
  }
}

/** Where to read the usage: the command's own help if one was named. */
function usageOf(argv: readonly string[]): string {
  const name = argv[2];
  return COMMANDS.some((command) => command.name === name) ? `atlas ${name} --help` : 'atlas --help';
}
