// One build at a time per output root: `.stackc/build.lock`, created with O_EXCL and holding the
// owner's pid. A lock whose process is gone (a build killed with SIGKILL, a crashed machine) is
// stale and taken over; a live one stops the second build with a clear error (exit 2).
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { userError } from '../diagnostics/diagnostic.js';

export const LOCK_PATH = '.stackc/build.lock';

interface LockInfo {
  pid: number;
  host: string;
}

/** Whether a process with this pid is running on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof data.pid === 'number' && typeof data.host === 'string' ? { pid: data.pid, host: data.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the build lock of `root`; returns the function that releases it. Throws a UserError when
 * another live build holds it.
 */
export function acquireBuildLock(root: string): () => void {
  const file = join(root, LOCK_PATH);
  mkdirSync(dirname(file), { recursive: true });
  const me: LockInfo = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      // A lock from another machine (a shared network directory) cannot be checked: never break it.
      // One without readable contents is being written this instant, or was left half-written: give it a moment.
      if (holder && holder.host === me.host && !alive(holder.pid)) {
        rmSync(file, { force: true });
        continue;
      }
      if (!holder && attempt < 2) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      throw userError(
        holder ? `another \`stackc build\` (pid ${holder.pid}${holder.host === me.host ? '' : ` on ${holder.host}`}) is writing to this directory` : `${LOCK_PATH} exists: another \`stackc build\` is writing to this directory`,
        `wait for it to finish and run the build again; if no build is running, delete ${join(root, LOCK_PATH)}`,
      );
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (readLock(file)?.pid === me.pid) rmSync(file, { force: true });
      try {
        rmdirSync(dirname(file)); // only when empty: a build that wrote nothing leaves no .stackc/
      } catch {
        // not empty (the manifest is there), or already gone
      }
    };
  }
  throw userError(`could not take ${LOCK_PATH}`, 'another build keeps replacing it; run one build at a time');
}
