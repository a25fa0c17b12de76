import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/errors.js';

/** Who holds the lock, as written into the lock file. */
interface Holder {
  pid: number;
  host: string;
  /**
   * When the holder's process started (Linux: its start time in clock ticks since boot, and the
   * boot), so a pid the system has since given to another process is not taken for the holder.
   * Absent where it cannot be read, and in lock files of older versions: the pid alone decides.
   */
  started?: string;
}

/** A lock file with no readable holder yet is being written (or was left by a crash mid-write). */
const unwrittenGraceMs = 10_000;

/**
 * PGlite is one process: a second process opening the same DATA_DIR would corrupt it. The lock
 * file is created exclusively (O_CREAT|O_EXCL, 'wx'), so of two processes starting together exactly
 * one gets it; the other is refused with one clear line. A lock left by a process that is gone
 * (same host, pid not alive) is stale and taken over, one taker at a time.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'mlbrief.pid');
  const started = startOf(process.pid);
  const me: Holder = { pid: process.pid, host: os.hostname(), ...(started ? { started } : {}) };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(file, me)) return () => rm(file, { force: true });
    const holder = await readHolder(file);
    if (holder === 'gone') continue;
    if (holder !== 'unwritten' && holder.host === me.host && holder.pid === me.pid) return () => rm(file, { force: true });
    if (holder === 'unwritten' ? !(await olderThan(file, unwrittenGraceMs)) : !isStale(holder, me)) throw inUse(dataDir, holder);
    await takeOver(file, holder);
  }
  throw inUse(dataDir, 'unwritten');
}

/** True when this process created the file; false when it exists already. */
async function createExclusive(file: string, me: Holder): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(me)}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(file: string): Promise<Holder | 'unwritten' | 'gone'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  // Older versions wrote the bare pid.
  if (/^\d+\s*$/.test(text)) return { pid: Number(text), host: os.hostname() };
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string') {
      return { pid: parsed.pid!, host: parsed.host, ...(typeof parsed.started === 'string' ? { started: parsed.started } : {}) };
    }
  } catch {
    // Half written, or not ours: judged by its age below.
  }
  return 'unwritten';
}

/**
 * Stale: left on this host by a process that no longer runs, or whose pid now belongs to a process
 * that started at another time (after a crash and a restart, a container's pids repeat). On
 * another host we cannot tell.
 */
function isStale(holder: Holder, me: Holder): boolean {
  if (holder.host !== me.host) return false;
  if (!isAlive(holder.pid)) return true;
  const now = holder.started === undefined ? undefined : startOf(holder.pid);
  return now !== undefined && now !== holder.started;
}

/** A process's start, as "boot id/start ticks" from /proc (Linux); undefined where /proc has no answer. */
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, starttime; the command name (field 2) may hold spaces and parentheses.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return ticks && /^\d+$/.test(ticks) ? `${boot}/${ticks}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes a stale lock. A second lock, also created exclusively, makes the takers take turns, and
 * the lock is re-read under it: a taker that was slower than another never removes the lock the
 * faster one has just created.
 */
async function takeOver(file: string, judged: Holder | 'unwritten'): Promise<void> {
  const turn = `${file}.takeover`;
  if (!(await createExclusive(turn, { pid: process.pid, host: os.hostname() }))) {
    // Another taker is at it; a turn left by a crash is cleared once it is old.
    if (await olderThan(turn, unwrittenGraceMs)) await rm(turn, { force: true });
    return;
  }
  try {
    const now = await readHolder(file);
    if (JSON.stringify(now) === JSON.stringify(judged)) await rm(file, { force: true });
  } finally {
    await rm(turn, { force: true });
  }
}

async function olderThan(file: string, ms: number): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info === undefined || Date.now() - info.mtimeMs > ms;
}

function inUse(dataDir: string, holder: Holder | 'unwritten'): AppError {
  const who = holder === 'unwritten' ? 'another mlbrief process (starting)' : `another mlbrief process (pid ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`})`;
  return new AppError(
    'INVALID_CONFIG',
    `DATA_DIR ${dataDir} is in use by ${who}; the embedded database serves one process: stop it, or set DATABASE_URL`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
