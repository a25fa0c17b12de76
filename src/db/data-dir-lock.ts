import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../shared/errors.js';

/**
 * PGlite is one process: a second process opening the same DATA_DIR would corrupt it. A pid file
 * turns that into a clear error; a stale file (its process gone) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'mlbrief.pid');
  const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new AppError(
      'INVALID_CONFIG',
      `DATA_DIR ${dataDir} is in use by another mlbrief process (pid ${holder}); the embedded database serves one process: stop it, or set DATABASE_URL`,
    );
  }
  await writeFile(file, String(process.pid));
  return () => rm(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
