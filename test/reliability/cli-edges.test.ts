// The CLI at its edges (issue 19, items 4, 5, 7, 8): a missing directory for a new stack file,
// output piped into a reader that stops early, a directory where a file goes, and stack files
// that are not regular files. Each gives a clear message and exit code 0 or 2, never a trace.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const STACK = 'stack: 1\nname: shop\nservices:\n  web:\n    image: nginx:1.27\n    ports: [80]\ntargets:\n  compose: {}\n';

/** Runs the CLI with its stdout closed before it writes: every write meets EPIPE, as under `| head`. */
function runIntoClosedPipe(args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [`${root}bin/stackc.cjs`, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => done({ status, stderr }));
  });
}

describe('init and import into a new place', () => {
  it('init creates the missing directory of `-f deploy/stack.yaml` (the example in `init --help`)', () => {
    const dir = tempDir();
    const result = runCli(['init', '--name', 'shop', '-f', 'deploy/stack.yaml'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'deploy/stack.yaml'), 'utf8')).toContain('name: shop');
  });

  it('init refuses a directory named as the file, even with --force', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'deploy'));
    const result = runCli(['init', '-f', 'deploy', '--force'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/deploy is a directory/);
    expect(result.stderr).not.toMatch(/internal error|EISDIR|\n\s+at /);
  });

  it('init --force does not write through a symbolic link', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'elsewhere.txt'), 'keep me\n');
    symlinkSync(join(dir, 'elsewhere.txt'), join(dir, 'stack.yaml'));
    const result = runCli(['init', '--force'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/symbolic link/);
    expect(readFileSync(join(dir, 'elsewhere.txt'), 'utf8')).toBe('keep me\n');
  });

  it('import refuses a directory as its output, even with --force', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
    mkdirSync(join(dir, 'out'));
    const result = runCli(['import', 'compose.yaml', '-o', 'out', '--force'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/out is a directory/);
    expect(result.stderr).not.toMatch(/internal error|EISDIR|\n\s+at /);
  });
});

describe('output piped into a reader that stops early (`stackc ... | head`)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'stack.yaml'), STACK);
  const cases: [string, string[], number][] = [
    ['--help', ['--help'], 0],
    ['lint', ['lint'], 1],
    ['validate --format json', ['validate', '--format', 'json'], 0],
    ['graph', ['graph'], 0],
    ['schema', ['schema'], 0],
    ['build --dry-run', ['build', '--dry-run'], 0],
    ['explain', ['explain', 'non-root-user'], 0],
    ['explain of a build code', ['explain', 'compose/public'], 0],
    ['rules', ['rules'], 0],
    ['diff', ['diff'], 0],
  ];
  it.each(cases)('%s ends quietly with its own exit code', async (_name, args, status) => {
    const result = await runIntoClosedPipe(args, dir);
    expect(result.stderr).not.toMatch(/EPIPE|internal error|\n\s+at /);
    expect(result.status).toBe(status);
  });

  it('diff --base in a git repository ends quietly', async () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(repo, 'stack.yaml'), STACK);
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, 'stack.yaml'), STACK.replace('ports: [80]', 'ports: [80, 8080]\n    env: { A: "1" }'));
    for (const format of ['text', 'json', 'markdown']) {
      const result = await runIntoClosedPipe(['diff', '--base', 'HEAD', '--format', format], repo);
      expect(result.stderr).not.toMatch(/EPIPE|internal error|\n\s+at /);
      expect(result.status).toBe(0);
    }
  });

  it('init and import end quietly, and still write their file', async () => {
    const fresh = tempDir();
    const init = await runIntoClosedPipe(['init', '--name', 'shop'], fresh);
    expect(init.stderr).not.toMatch(/EPIPE|internal error|\n\s+at /);
    expect(init.status).toBe(0);
    expect(existsSync(join(fresh, 'stack.yaml'))).toBe(true);
    const other = tempDir();
    writeFileSync(join(other, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n');
    const imported = await runIntoClosedPipe(['import', 'compose.yaml'], other);
    expect(imported.stderr).not.toMatch(/EPIPE|internal error|\n\s+at /);
    expect(imported.status).toBe(0);
    expect(existsSync(join(other, 'stack.yaml'))).toBe(true);
  });
});

describe('a command that never finishes', () => {
  // bin/stackc.cjs is CommonJS: what its top-level `await` did as an ES module, it now does itself.
  it('exits 13 with a message, never 0, when a plugin waits for something that never comes', () => {
    const dir = tempDir();
    cpSync(join(root, 'fixtures/plugin-target'), dir, { recursive: true });
    const plugin = join(dir, 'stackc-target-procfile.mjs');
    writeFileSync(plugin, `await new Promise(() => {});\n${readFileSync(plugin, 'utf8')}`);
    const result = runCli(['build', '--dry-run'], dir);
    expect(result.status).toBe(13);
    expect(result.stderr).toContain('stopped before it finished');
    expect(result.stdout).toBe('');
  });
});

describe('stack files that are not regular files', () => {
  it('a stack file that never ends (/dev/zero) is refused past the size bound, not read until memory runs out', () => {
    const dir = tempDir();
    const result = runCli(['validate', '-f', '/dev/zero'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/more than 5 MiB/);
  });

  it('validate reads a stack from a pipe (`-f /dev/stdin`)', () => {
    const dir = tempDir();
    const result = spawnSyncWithInput(['validate', '-f', '/dev/stdin'], dir, STACK);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
  });

  it('build refuses a stack file that is not a regular file unless --out says where to write', () => {
    const dir = tempDir();
    const refused = spawnSyncWithInput(['build', '-f', '/dev/stdin'], dir, STACK);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not a regular file/);
    expect(refused.stderr).toMatch(/--out/);
    const built = spawnSyncWithInput(['build', '-f', '/dev/stdin', '--out', 'out'], dir, STACK);
    expect(built.stderr).not.toMatch(/error/);
    expect(built.status).toBe(0);
    expect(existsSync(join(dir, 'out', 'compose.yaml'))).toBe(true);
  });
});

/** Runs the CLI with `input` arriving through a shell pipe (`cat | stackc ...`), as a user would pass it. */
function spawnSyncWithInput(args: string[], cwd: string, input: string): { status: number | null; stderr: string } {
  writeFileSync(join(cwd, 'piped.yaml'), input);
  const command = `cat piped.yaml | "${process.execPath}" "${root}bin/stackc.cjs" ${args.map((a) => `'${a}'`).join(' ')}`;
  const result = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, timeout: 30_000 });
  return { status: result.status, stderr: result.stderr };
}

describe('secret-looking values in stack.yaml (issue 19, items 10-12)', () => {
  const TOKEN = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
  const PASSWORD = 'Tr0ub4dor-and-3';
  const stack = (extra = '') =>
    `stack: 1\nname: shop\nservices:\n  web:\n    image: nginx:1.27\n    ports: [80]\n    env:\n      STRIPE_KEY: ${TOKEN}\n      ADMIN_PASSWORD: ${PASSWORD}\n${extra}      DATABASE_URL: postgres://app:${PASSWORD}@db:5432/app\n      BANNER: |\n        hello\n        LIVE=1\ntargets:\n  compose: {}\n`;

  it('build warns at each value and shows none of them in its code frames', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack());
    const result = runCli(['build'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr.match(/\[literal-secret\]/g)).toHaveLength(3);
    for (const secret of [TOKEN, PASSWORD]) expect(result.stderr).not.toContain(secret);
  });

  it('validate masks them in the code frame of an error on a nearby line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack('      1BAD: x\n'));
    const result = runCli(['validate'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ADMIN_PASSWORD: Tr0');
    for (const secret of [TOKEN, PASSWORD]) expect(result.stderr).not.toContain(secret);
  });

  it('.env.example names them without their values, and a multi-line value stays on its comment line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), stack());
    expect(runCli(['build'], dir).status).toBe(0);
    const example = readFileSync(join(dir, '.env.example'), 'utf8');
    for (const secret of [TOKEN, PASSWORD]) expect(example).not.toContain(secret);
    expect(example).toContain('#   BANNER=hello\\nLIVE=1\\n');
    // Only comments, blank lines and empty assignments: nothing Compose would read as a value.
    expect(example.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !/^[A-Z0-9_]+=$/.test(line))).toEqual([]);
  });
});
