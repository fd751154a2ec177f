// One build at a time per output root: `.stackc/build.lock`, holding the owner's pid and host. A
// lock whose process is gone (a build killed with SIGKILL, a crashed machine) is stale and taken
// over; a live one stops the second build with a clear error (exit 2).
//
// The lock appears with its contents: they are written to a file of the build's own
// (`build.lock.<host>.<pid>`) and hard-linked into place, which fails if a lock exists. A lock
// created empty and written after (O_EXCL, then write) could be left empty by a SIGKILL between the
// two, and an empty lock names no process to check: every later build stopped on it. A file
// system without hard links gets that older way.
import { closeSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const me: LockInfo = { pid: process.pid, host: hostname() };
  const contents = `${JSON.stringify(me)}\n`;
  removeDeadOwnFiles(dir, me.host);
  const own = join(dir, ownFileName(me));
  writeFileSync(own, contents);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (create(file, own, contents)) return releaser(file, me);
      const holder = readLock(file);
      // A lock from another machine (a shared network directory) cannot be checked: never break it.
      // One without readable contents is being written this instant (the fallback's two steps), or
      // was damaged: give it a moment.
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
        `wait for it to finish and run the build again; if no build is running, delete ${file}`,
      );
    }
    throw userError(`could not take ${LOCK_PATH}`, 'another build keeps replacing it; run one build at a time');
  } finally {
    rmSync(own, { force: true });
  }
}

/** The file a build writes its lock contents to before linking it into place. */
const ownFileName = ({ host, pid }: LockInfo): string => `build.lock.${encodeURIComponent(host)}.${pid}`;

/** Creates the lock from `own`'s contents; false if a lock exists. */
function create(file: string, own: string, contents: string): boolean {
  try {
    linkSync(own, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  // No hard links here: create it empty, exclusively, then write.
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, contents);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** What a build killed between writing its own file and removing it left behind (same machine). */
function removeDeadOwnFiles(dir: string, host: string): void {
  const prefix = `build.lock.${encodeURIComponent(host)}.`;
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(dir, name), { force: true });
  }
}

function releaser(file: string, me: LockInfo): () => void {
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
