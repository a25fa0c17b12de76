import path from 'node:path';

/** The built CLI (global setup builds dist/), which the CLI tests run as a real process. */
export const main = path.resolve(import.meta.dirname, '../../dist/main.js');

/**
 * Node's arguments for one `mlbrief` process of a test. `--liftoff-only`: V8 compiles PGlite's
 * WebAssembly with its baseline compiler only, not again with the optimizing one in the
 * background, work that a process living a few seconds never earns back (a fifth of its CPU).
 */
export const mlbriefArgv = (args: string[]): string[] => ['--liftoff-only', main, ...args];
