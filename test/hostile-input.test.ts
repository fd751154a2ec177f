import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDiagnostics, runCli, tempDir } from './helpers.js';

/** Inputs that must fail cleanly (exit 2, a diagnostic, no stack trace) and without hanging. */
describe('hostile and odd input', () => {
  const run = (name: string, content: string | Buffer) => {
    const dir = tempDir();
    writeFileSync(join(dir, name), content);
    return runCli(['validate', '-f', name], dir);
  };
  const expectClean = (r: ReturnType<typeof run>, code: string) => {
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`[${code}]`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('an alias bomb fails fast', { timeout: 5_000 }, () => {
    const levels = Array.from({ length: 9 }, (_, i) => `x-${i}: &a${i} [${Array(10).fill(i === 0 ? 'lol' : `*a${i - 1}`).join(', ')}]`);
    expectClean(run('bomb.yaml', `${levels.join('\n')}\nstack: 1\nname: x\nservices: { api: { image: nginx } }\n`), 'alias-limit');
  });

  it('a 10 MB file is refused before parsing', { timeout: 5_000 }, () => {
    expectClean(run('big.yaml', `stack: 1\n#${'x'.repeat(10 * 1024 * 1024)}\n`), 'unreadable-file');
  });

  // A hang detector (two CLI runs), not a speed target: generous enough for a loaded CI runner.
  it('10,000-deep nesting fails cleanly', { timeout: 20_000 }, () => {
    expectClean(run('deep.yaml', `stack: 1\nname: x\nservices: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), 'too-deep');
    expectClean(run('deep-block.yaml', `stack: 1\nname: x\nservices:\n${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i + 1)}a${i}:`).join('\n')}\n`), 'too-deep');
  });

  it('non-UTF-8 bytes are named with their position', () => {
    const r = run('latin1.yaml', Buffer.from('stack: 1\nname: x\n# caf\xe9\n', 'latin1'));
    expectClean(r, 'not-utf8');
    expect(r.stderr).toContain('latin1.yaml:3:6: error: latin1.yaml is not valid UTF-8 (byte 0xe9 at offset 22)');
  });

  it('NUL and other control characters are refused', () => {
    const r = run('nul.yaml', 'stack: 1\nname: x\u0000\n');
    expectClean(r, 'control-character');
    expect(r.stderr).toContain('nul.yaml:2:8:');
  });

  it('CRLF line endings and a byte-order mark work, with right positions', () => {
    expect(run('crlf.yaml', 'stack: 1\r\nname: x\r\nservices:\r\n  api:\r\n    image: nginx\r\n').status).toBe(0);
    const r = run('crlf-bad.yaml', '\ufeffstack: 1\r\nname: x\r\nservices:\r\n  api:\r\n    image: nginx\r\n    replica: 2\r\n');
    expect(r.stderr).toMatch(/^crlf-bad\.yaml:6:5: error: unknown key `replica`/);
  });

  it('duplicate keys are each reported', () => {
    const d = loadDiagnostics('stack: 1\nname: x\nname: y\nservices: {}\nservices: {}\n');
    expect(d.map((x) => [x.code, x.at?.line])).toEqual([['duplicate-key', 3], ['duplicate-key', 5]]);
  });

  it('keys that look like paths and names that are not DNS labels are refused', () => {
    const d = loadDiagnostics('stack: 1\nname: x\nservices:\n  ../x: { image: nginx }\n  API: { image: nginx }\n');
    expect(d.map((x) => [x.code, x.at?.line])).toEqual([['invalid-name', 4], ['invalid-name', 5]]);
  });

  // Found by the mutation fuzzer (test/fuzz): `<<` merging a scalar or a missing anchor crashed
  // the loader ("Merge sources must be maps or map aliases", exit 3 with a stack trace).
  it('a `<<` merge of something that is not a map is an error at its position', () => {
    for (const [text, line] of [
      ['stack: 1\nname: x\nservices:\n  api:\n    image: nginx\n    ports:\n      - <<: *nope\n', 7],
      ['stack: 1\nname: x\nx-port: &p 80\nservices:\n  api:\n    <<: *p\n    image: nginx\n', 6],
      ['stack: 1\nname: x\nservices:\n  api:\n    <<: [1, 2]\n    image: nginx\n', 5],
    ] as const) {
      const d = loadDiagnostics(text);
      expect(d.map((x) => [x.code, x.at?.line]), text).toEqual([['bad-merge', line]]);
    }
    const r = run('merge.yaml', 'stack: 1\nname: x\nx-port: &p 80\nservices:\n  api:\n    <<: *p\n    image: nginx\n');
    expectClean(r, 'bad-merge');
    expect(r.stderr).toContain('merge.yaml:6:9: error: `<<` merges maps only');
  });

  // Found by the mutation fuzzer: a collection as a key printed a Node warning under the diagnostic.
  it('a map used as a key is a bad name, with no runtime warning on stderr', () => {
    const r = run('complex-key.yaml', 'stack: 1\nname: x\nservices:\n  ? { a: 1 }\n  : image: nginx\n');
    expectClean(r, 'invalid-name');
    expect(r.stderr).not.toMatch(/Warning|\(node:/);
  });

  it('YAML 1.1 booleans like NO and on stay text (YAML 1.2), so a country code survives', () => {
    const d = loadDiagnostics('stack: 1\nname: x\nservices:\n  api:\n    image: nginx\n    env: { COUNTRY: NO, FLAG: on }\n');
    expect(d).toEqual([]);
  });
});
