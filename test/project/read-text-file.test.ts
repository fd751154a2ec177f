// What lint and the deployment model read of a project file (src/emit/project-files.ts): its text,
// or nothing for a missing file, a directory, a file over the size limit, or a binary file, which
// is one with a NUL byte among its first 8,000 bytes, as git tells.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/emit/project-files.js';
import { tempDir } from '../helpers.js';

describe('readTextFile', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('reads UTF-8 text, a byte-order mark and invalid bytes included as Buffer#toString does', () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFFname: café\n'), Buffer.from([0xff, 0xfe]), Buffer.from(' end\n')]);
    expect(readTextFile(file('text.yaml', bytes))).toBe(bytes.toString('utf8'));
  });

  it('reads nothing of a missing file, a directory, or a file over the limit', () => {
    mkdirSync(join(dir, 'folder'));
    expect(readTextFile(join(dir, 'missing'))).toBeUndefined();
    expect(readTextFile(join(dir, 'folder'))).toBeUndefined();
    expect(readTextFile(file('big.txt', 'x'.repeat(101)), 100)).toBeUndefined();
    expect(readTextFile(file('limit.txt', 'x'.repeat(100)), 100)).toBe('x'.repeat(100));
    // The limit is in bytes: 34 three-byte characters are 102.
    expect(readTextFile(file('wide-big.txt', '€'.repeat(34)), 100)).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('reads nothing of a named pipe, and does not wait on it', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync(join(dir, 'fifo'), join(dir, 'link-to-fifo'));
    expect(readTextFile(join(dir, 'fifo'))).toBeUndefined();
    expect(readTextFile(join(dir, 'link-to-fifo'))).toBeUndefined();
  });

  it('takes a NUL byte among the first 8,000 bytes for binary, counting bytes, not characters', () => {
    expect(readTextFile(file('early.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x41])))).toBeUndefined();
    // 2,500 three-byte characters are 7,500 bytes: a NUL after them is within the first 8,000 bytes ...
    expect(readTextFile(file('wide.bin', `${'€'.repeat(2500)}\0`))).toBeUndefined();
    // ... after 2,700 of them (8,100 bytes) it is not, nor after 3,000 (9,000 bytes).
    expect(readTextFile(file('wide-8100.txt', `${'€'.repeat(2700)}\0`))).toBe(`${'€'.repeat(2700)}\0`);
    expect(readTextFile(file('wide.txt', `${'€'.repeat(3000)}\0`))).toBe(`${'€'.repeat(3000)}\0`);
    // 2,500 invalid bytes decode to 2,500 characters of 3 bytes each, but are 2,500 bytes in the file.
    expect(readTextFile(file('invalid.bin', Buffer.concat([Buffer.alloc(2500, 0xff), Buffer.from([0])])))).toBeUndefined();
    // A NUL after the first 8,000 bytes of ASCII: text.
    expect(readTextFile(file('late.txt', `${'a'.repeat(9000)}\0`))).toBe(`${'a'.repeat(9000)}\0`);
  });
});
