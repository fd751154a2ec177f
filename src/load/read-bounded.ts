// Reads a file of unknown kind without trusting its size: a pipe, /dev/stdin or a process
// substitution reports size 0, and /dev/zero never ends. Reading stops one byte past the bound, so
// a stack file that is too big costs at most that much memory.
import { closeSync, openSync, readSync } from 'node:fs';

/** The file's bytes, or `undefined` when it holds more than `maxBytes`. */
export function readBounded(path: string, maxBytes: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}
