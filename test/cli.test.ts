import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, snapshotTree, tempDir } from './helpers.js';

const withEnv = (env: Record<string, string>, args: string[]) => runCli(args, root, env);

describe('stackc CLI', () => {
  it('--help lists every command with examples and exits 0', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    for (const command of ['validate', 'build', 'diff', 'graph', 'schema', 'init']) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes: 0 ok, 1 findings, 2 bad input or usage, 3 internal error.');
  });

  it('--help works on every command', () => {
    for (const command of ['validate', 'build', 'diff', 'graph', 'schema', 'init']) {
      const { status, stdout } = runCli([command, '--help']);
      expect(status).toBe(0);
      expect(stdout).toContain(`Usage: stackc ${command}`);
      expect(stdout).toContain('Examples:');
    }
  });

  it('--version prints the package version', () => {
    const { status, stdout } = runCli(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('exits 2 with a suggestion on an unknown command or option', () => {
    const command = runCli(['valdate']);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("Did you mean validate?");
    const option = runCli(['validate', '--formt', 'json']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('--format');
  });

  it('exits 2 without a stack trace when there is no stack file', () => {
    const dir = tempDir();
    const { status, stderr } = runCli(['validate'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain(`error: no stack.yaml in ${dir}`);
    expect(stderr).toContain('hint: create one with `stackc init`');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(runCli(['validate', '-f', 'missing.yaml'], dir).stderr).toContain('missing.yaml does not exist');
    expect(runCli(['validate', '-C', join(dir, 'nope')]).stderr).toContain('does not exist');
  });

  it('finds stack.yaml through -C and prints file:line:col relative to where it runs', () => {
    const { status, stderr } = runCli(['-C', 'fixtures/invalid', 'validate', '-f', 'unknown-service-key.yaml']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^unknown-service-key\.yaml:7:5: error: unknown key `healthchek`/);
    const fromRoot = runCli(['validate', '-f', 'fixtures/invalid/unknown-service-key.yaml']);
    expect(fromRoot.stderr).toMatch(/^fixtures\/invalid\/unknown-service-key\.yaml:7:5: /);
  });

  it('prints machine-readable diagnostics with --format json', () => {
    const { status, stdout } = runCli(['validate', '--format', 'json', '-f', 'fixtures/invalid/unknown-service-key.yaml']);
    expect(status).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.valid).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-key', hint: 'did you mean `healthcheck`?', at: { line: 7, col: 5 } });
  });

  it('colours only when asked: NO_COLOR and pipes get plain text, FORCE_COLOR gets ANSI', () => {
    const args = ['validate', '-f', 'fixtures/invalid/unknown-service-key.yaml'];
    expect(withEnv({ NO_COLOR: '1' }, args).stderr).not.toContain('\u001b[');
    expect(withEnv({ NO_COLOR: '', FORCE_COLOR: '1' }, args).stderr).toContain('\u001b[');
    expect(withEnv({ NO_COLOR: '', FORCE_COLOR: '1' }, ['--no-color', ...args]).stderr).not.toContain('\u001b[');
  });

  it('prints warnings but still exits 0', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: x\nservices:\n  api:\n    image: nginx\n    env: { VERSION: 1.10 }\n');
    const { status, stderr, stdout } = runCli(['validate'], dir);
    expect(status).toBe(0);
    expect(stderr).toContain('stack.yaml:6:21: warning: YAML reads `1.10` as the number 1.1');
    expect(stdout).toContain('valid');
  });

  it('schema prints the JSON Schema', () => {
    const { status, stdout } = runCli(['schema']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(join(root, 'schema/stack.schema.json'), 'utf8')));
  });
});

describe('stackc init', () => {
  it('writes a starter stack that validates, named after the directory, with the schema modeline', () => {
    const dir = join(tempDir(), 'My Shop');
    mkdirSync(dir);
    const { status, stdout } = runCli(['init'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('wrote stack.yaml');
    const text = readFileSync(join(dir, 'stack.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+stack\.schema\.json\n/);
    expect(text).toContain('name: my-shop');
    // stackc is not in this project's node_modules: the schema published with this version, never a path into the installation.
    expect(text).toMatch(/\$schema=https:\/\/cdn\.jsdelivr\.net\/npm\/stackc@\d+\.\d+\.\d+[^/]*\/schema\/stack\.schema\.json\n/);
    // The starter builds ./api: validate names it until it exists (issue 19, item 16), then passes.
    expect(stdout).toMatch(/`build: \.\/api` names the directory with the Dockerfile/);
    expect(runCli(['validate'], dir).stderr).toMatch(/build context `\.\/api` does not exist \[missing-path\]/);
    mkdirSync(join(dir, 'api'));
    expect(runCli(['validate'], dir).status).toBe(0);
  });

  it('points the modeline at node_modules when stackc is installed in the project', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules/stackc/schema'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/stackc/schema/stack.schema.json'), '{}');
    runCli(['init', '--name', 'shop'], dir);
    expect(readFileSync(join(dir, 'stack.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/node_modules\/stackc\/schema\/stack\.schema\.json$/m);
  });

  it('never overwrites an existing file without --force', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), 'mine\n');
    const before = snapshotTree(dir);
    const { status, stderr } = runCli(['init'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('stack.yaml already exists');
    expect(stderr).toContain('--force');
    expect(snapshotTree(dir)).toEqual(before);
    expect(runCli(['init', '--force'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'stack.yaml'), 'utf8')).toContain('stack: 1');
  });

  it('rejects a name that is not a DNS label', () => {
    const dir = tempDir();
    const { status, stderr } = runCli(['init', '--name', 'My_App'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('`My_App` is not a valid stack name');
    expect(existsSync(join(dir, 'stack.yaml'))).toBe(false);
  });
});

describe('stackc validate: files of `files:`', () => {
  it('names a source that is missing or a directory, at its line; build refuses it too and writes nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: shop\nservices:\n  proxy:\n    image: nginx:1.27-alpine\n    files:\n      - { path: /etc/nginx/nginx.conf, source: ./nginx.conf }\ntargets:\n  compose: {}\n');
    expect(runCli(['validate'], dir).stderr).toMatch(/stack\.yaml:7:48: error: file `\.\/nginx\.conf` does not exist \[missing-path\]/);
    const before = snapshotTree(dir);
    const build = runCli(['build'], dir);
    expect(build.status).toBe(2);
    expect(build.stderr).toMatch(/\[missing-file\]/);
    expect(snapshotTree(dir)).toEqual(before);
    mkdirSync(join(dir, 'nginx.conf'));
    expect(runCli(['validate'], dir).stderr).toMatch(/file `\.\/nginx\.conf` is a directory, not a file \[missing-path\]/);
  });
});

describe('stackc graph', () => {
  it('prints the Mermaid graph of an environment, as in its golden file', () => {
    const { status, stdout } = runCli(['graph', '--env', 'production'], join(root, 'fixtures/fullstack'));
    expect(status).toBe(0);
    expect(stdout).toBe(readFileSync(join(root, 'test/graph-golden/fullstack.production.mmd'), 'utf8'));
  });

  it('writes SVG when -o names an .svg file, and refuses to overwrite the stack file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), readFileSync(join(root, 'fixtures/minimal/stack.yaml')));
    const { status } = runCli(['graph', '-o', 'architecture.svg'], dir);
    expect(status).toBe(0);
    expect(readFileSync(join(dir, 'architecture.svg'), 'utf8')).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    const before = readFileSync(join(dir, 'stack.yaml'), 'utf8');
    expect(runCli(['graph', '-o', 'stack.yaml'], dir).status).toBe(2);
    expect(readFileSync(join(dir, 'stack.yaml'), 'utf8')).toBe(before);
  });

  it('exits 2 on an unknown environment, naming the ones there are', () => {
    const { status, stderr } = runCli(['graph', '--env', 'prod'], join(root, 'fixtures/fullstack'));
    expect(status).toBe(2);
    expect(stderr).toContain('no environment `prod` in stack.yaml');
    expect(stderr).toContain('environments: development, staging, production');
  });
});

