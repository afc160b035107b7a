import { describe, expect, expectTypeOf, it } from 'vitest';
import { COMMANDS } from '../src/command-list.ts';
import { flags, flagsSchema, parseFlags, type FlagValues } from '../src/flags/index.ts';
import { createProgram } from '../src/program.ts';

const example = {
  model: flags.path({ arg: 'dir', help: 'model folder', required: 'a Hugging Face ONNX folder' }),
  seqLen: flags.positiveInt({ help: 'tokens per context', default: 64 }),
  rows: flags.positiveInt({ help: 'first n rows only' }),
  device: flags.choice(['cpu', 'cuda'], { help: 'execution provider', default: 'cpu' }),
  activations: flags.list({ arg: 'paths', help: 'files', required: true }),
  atoms: flags.toggle({ help: 'skip the atoms metrics', default: true }),
  auxK: flags.int({ help: 'aux-k', min: 0 }),
  port: flags.int({ help: 'port', min: 0, max: 65_535 }),
  queueUrl: flags.url({ help: 'queue', protocols: ['postgres:'], example: 'postgres://localhost/atlas' }).env('DATABASE_URL'),
  id: flags.text({ arg: 'id', help: 'id', pattern: /^[a-z]+$/, rule: 'may use a-z only' }),
  out: flags.path({ arg: 'file', help: 'output', extension: '.safetensors' }),
};
const schema = flagsSchema(example, [{ holds: (options) => options.rows === undefined || options.rows <= 100, message: '--rows must not exceed 100' }]);
const parse = (raw: Record<string, unknown>) => parseFlags(schema, raw);
const problems = (raw: Record<string, unknown>) => {
  try {
    parse(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the options to be refused');
};

describe('a flag declared once', () => {
  it('gives commander its usage, help, default and environment variable', () => {
    const seqLen = example.seqLen.option('seqLen');
    expect(seqLen.flags).toBe('--seq-len <n>');
    expect(seqLen.description).toBe('tokens per context');
    expect(seqLen.defaultValue).toBe(64);
    expect(example.model.option('model').flags).toBe('--model <dir>');
    expect(example.activations.option('activations').flags).toBe('--activations <paths...>');
    expect(example.atoms.option('atoms').flags).toBe('--no-atoms');
    expect(example.queueUrl.option('queueUrl').envVar).toBe('DATABASE_URL');
  });

  it('coerces, defaults and types the options a command receives', () => {
    const options = parse({ model: 'm', activations: 'a.npy', seqLen: '128', auxK: '0', atoms: false });
    expect(options).toEqual({ model: 'm', seqLen: 128, device: 'cpu', activations: ['a.npy'], atoms: false, auxK: 0 });
    expectTypeOf(options).toEqualTypeOf<FlagValues<typeof example>>();
    expectTypeOf(options.seqLen).toEqualTypeOf<number>();
    expectTypeOf(options.rows).toEqualTypeOf<number | undefined>();
    expectTypeOf(options.device).toEqualTypeOf<'cpu' | 'cuda'>();
    expectTypeOf(options.activations).toEqualTypeOf<string[]>();
    expectTypeOf(options.atoms).toEqualTypeOf<boolean>();
  });

  it('lists every problem, each naming its flag and the fix', () => {
    const message = problems({
      seqLen: '0', rows: 'lots', device: 'tpu', auxK: '-1', port: '70000', queueUrl: 'http://x', id: 'A!', out: 'x.bin',
    });
    expect(message.split('\n')).toEqual([
      'Invalid options:',
      '  - --model DIR is required (a Hugging Face ONNX folder)',
      '  - --seq-len must be at least 1',
      '  - --rows must be a number',
      '  - --device tpu is not supported; supported: cpu, cuda',
      '  - --activations PATHS... is required',
      '  - --aux-k must be 0 or more',
      '  - --port must be between 0 and 65535',
      '  - --queue-url must be a postgres:// URL, e.g. postgres://localhost/atlas',
      '  - --id may use a-z only',
      '  - --out must end in .safetensors',
    ]);
    expect(problems({ model: 'm', activations: ['a'], seqLen: '1.5' })).toContain('--seq-len must be a whole number');
  });

  it('treats an empty environment variable as not set', () => {
    expect(parse({ model: 'm', activations: ['a'], queueUrl: '' }).queueUrl).toBeUndefined();
  });

  it('checks rules across flags once each flag is valid', () => {
    expect(problems({ model: 'm', activations: ['a'], rows: '101' })).toBe('Invalid options:\n  - --rows must not exceed 100');
  });
});

describe('the commands', () => {
  const program = createProgram(COMMANDS);

  it('each show every flag they declare in --help, under its kebab-case name', () => {
    for (const command of COMMANDS) {
      const subcommand = program.commands.find((candidate) => candidate.name() === command.name)!;
      const help = subcommand.helpInformation();
      for (const key of Object.keys(command.flags)) {
        const flag = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
        expect(help, `${command.name} --${flag}`).toMatch(new RegExp(`--(no-)?${flag}\\b`));
      }
    }
  });

  it('show the defaults they apply', () => {
    const help = program.commands.find((command) => command.name() === 'build-demo')!.helpInformation();
    expect(help).toMatch(/--tokens <n> +corpus tokens for training and statistics\s+\(default: 327680\)/);
    expect(help).toMatch(/\(env: DATABASE_URL\)/);
  });
});
