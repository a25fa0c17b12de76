import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock.js';

/** How the lock file names a process's start: the boot, and the start time in ticks (/proc, Linux). */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
}

describe.runIf(process.platform === 'linux')('the DATA_DIR lock after a pid is reused', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-lock-reuse-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const lockFile = () => path.join(dir, 'mlbrief.pid');

  it('takes over a lock whose pid now belongs to a process that started at another time', async () => {
    // The parent runs, but it is not the process that wrote this lock: that one started earlier.
    const holder = { pid: process.ppid, host: os.hostname(), started: `${startOf(process.ppid).split('/')[0]}/1` };
    await writeFile(lockFile(), JSON.stringify(holder));
    const release = await lockDataDir(dir);
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toEqual({ pid: process.pid, host: os.hostname(), started: startOf(process.pid) });
    await release();
  });

  it('refuses a lock whose process still runs with the start it recorded, or that recorded none', async () => {
    await writeFile(lockFile(), JSON.stringify({ pid: process.ppid, host: os.hostname(), started: startOf(process.ppid) }));
    await expect(lockDataDir(dir)).rejects.toThrow(`is in use by another mlbrief process (pid ${process.ppid})`);
    await writeFile(lockFile(), JSON.stringify({ pid: process.ppid, host: os.hostname() }));
    await expect(lockDataDir(dir)).rejects.toThrow(`is in use by another mlbrief process (pid ${process.ppid})`);
    await rm(lockFile());
  });
});
