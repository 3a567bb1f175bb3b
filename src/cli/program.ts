/**
 * What every command-line program shares: arguments read one way (node:util parseArgs with one
 * options table per command), `--help` answered with the usage and exit 0, an unknown or malformed
 * flag answered with the usage and exit 2, a closed output pipe (`| head`) ending the program
 * quietly, and a `run…Cli(argv, io)` that tests call without a child process.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Env, readEnvironment } from '../config.js';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Env;
}

/** `--help`, or a flag the command does not know: the usage goes out and the program ends with `code`. */
export class UsageExit extends Error {
  constructor(
    readonly code: 0 | 2,
    readonly text: string,
  ) {
    super(text);
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Reads `argv` against the command's options table (plus --help / -h). */
export function readArgs(argv: readonly string[], command: string, usage: string, options: Options, positionals = false): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw new UsageExit(2, `${command}: ${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\n${usage}\n`);
  }
  if (parsed.values.help) throw new UsageExit(0, `${usage}\n`);
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** Runs a command's body: a usage exit (--help, a bad flag) prints the usage and becomes the exit code. */
export async function withUsage(io: CliIo, work: () => Promise<number> | number): Promise<number> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof UsageExit)) throw err;
    (err.code === 0 ? io.out : io.err)(err.text);
    return err.code;
  }
}

/** True when the module at `metaUrl` is the program node was started with (not imported by a test). */
function isEntryPoint(metaUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(metaUrl));
  } catch {
    return false;
  }
}

/** Runs `run` as the program when `metaUrl` is the entry point: exit code, usage exits, EPIPE. */
export function runProgram(metaUrl: string, run: (argv: string[], io: CliIo) => Promise<number> | number): void {
  if (!isEntryPoint(metaUrl)) return;
  // a reader that stops early (`| head`) is not an error
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
  const io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: readEnvironment() };
  Promise.resolve()
    .then(() => run(process.argv.slice(2), io))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        if (err instanceof UsageExit) {
          (err.code === 0 ? io.out : io.err)(err.text);
          process.exitCode = err.code;
          return;
        }
        io.err(`${(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ')}\n`);
        process.exitCode = 1;
      },
    );
}
