// @atlas/cli: the `atlas` command line (bin/atlas.mjs). Commands are in src/commands/, listed in
// src/command-list.ts; their flags are declared with src/flags/.
export { main } from './main.ts';
export { COMMANDS } from './command-list.ts';
export type { CliCommand } from './define-command.ts';
