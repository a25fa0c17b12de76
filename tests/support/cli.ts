import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built CLI (global setup builds dist/), which the CLI tests run as a real process. */
export const main = path.resolve(import.meta.dirname, '../../dist/main.js');

/**
 * Node's arguments for one `mlbrief` process of a test. `--liftoff-only`: V8 compiles PGlite's
 * WebAssembly with its baseline compiler only, not again with the optimizing one in the
 * background, work that a process living a few seconds never earns back (a fifth of its CPU).
 */
export const mlbriefArgv = (args: string[]): string[] => ['--liftoff-only', main, ...args];

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCommand extends Promise<Run> {
  child: ReturnType<typeof spawn>;
  /** Output so far, while the process still runs. */
  stdout(): string;
  stderr(): string;
}

/**
 * Runs the built `mlbrief` as a real process with only PATH and `env` (LOG_LEVEL `warn` unless
 * given): settles when it exits; meanwhile `child` signals it and `stdout()`/`stderr()` read it.
 */
export function mlbrief(args: string[], env: Record<string, string> = {}): RunningCommand {
  const child = spawn(process.execPath, mlbriefArgv(args), {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return Object.assign(done, { child, stdout: () => stdout, stderr: () => stderr });
}

/** The first match of `pattern` in a running command's log (stderr); rejects if it exits first. */
export function logMatch(command: RunningCommand, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(command.stderr());
      if (match) resolve(match);
      return match;
    };
    if (check()) return;
    command.child.stderr!.on('data', check);
    void command.then((run) => check() ?? reject(new Error(`mlbrief exited (${run.code ?? run.signal}) before logging ${pattern}: ${run.stderr.slice(-400)}`)));
  });
}
