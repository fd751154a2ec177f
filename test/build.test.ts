import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, snapshotTree, tempDir } from './helpers.js';

/** A test plugin: one file per service, so pruning and per-environment output can be observed. */
const PER_SERVICE_PLUGIN = `export default {
  name: 'files',
  describe: 'one file per service and environment',
  emit(model, ctx) {
    const out = [];
    for (const env of ctx.environments) {
      for (const s of ctx.plan.services(env)) {
        out.push({ path: 'out/' + env + '/' + s.name + '.txt', target: 'files', environment: env, content: '# from ' + ctx.stackFile + '\\n' + s.name + ' x' + s.replicas + '\\n' });
      }
    }
    if (process.env.STACKC_TEST_EVIL) out.push({ path: process.env.STACKC_TEST_EVIL, target: 'files', content: 'x\\n' });
    return out;
  },
};
`;

const STACK = (services: string) => `stack: 1
name: demo
environments: { dev: {}, prod: {} }
services:
${services}
plugins: [./files.mjs]
targets:
  files: {}
`;

function project(services = '  api: { image: "nginx:1.27" }\n  worker: { image: "nginx:1.27" }'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'files.mjs'), PER_SERVICE_PLUGIN);
  writeFileSync(join(dir, 'stack.yaml'), STACK(services));
  return dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('stackc build: writing', () => {
  it('writes every artifact and a manifest, then rewrites nothing when nothing changed', () => {
    const dir = project();
    const first = runCli(['build'], dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('+ out/dev/api.txt');
    expect(first.stdout).toContain('stackc build: 4 written (4 new), 0 unchanged, 0 pruned');
    expect(read(dir, 'out/prod/worker.txt')).toBe('# from stack.yaml\nworker x1\n');
    const manifest = JSON.parse(read(dir, '.stackc/manifest.json'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['out/dev/api.txt', 'out/dev/worker.txt', 'out/prod/api.txt', 'out/prod/worker.txt']);
    expect(manifest.files[0]).toEqual({ path: 'out/dev/api.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), target: 'files', environment: 'dev' });
    expect(JSON.stringify(manifest)).not.toMatch(/time|date|version":\s*"/i);

    const before = snapshotTree(dir);
    const second = runCli(['build'], dir);
    expect(second.stdout).toBe('stackc build: 0 written, 4 unchanged, 0 pruned\n');
    expect(snapshotTree(dir)).toEqual(before); // same sizes and modification times: nothing rewritten
  });

  it('produces byte-identical files in two different checkouts', () => {
    const a = project();
    const b = project();
    runCli(['build'], a);
    runCli(['build'], b);
    for (const f of ['out/dev/api.txt', 'out/prod/worker.txt', '.stackc/manifest.json']) expect(read(a, f)).toBe(read(b, f));
  });

  it('leaves no temporary files behind', () => {
    const dir = project();
    runCli(['build'], dir);
    const all = snapshotTree(dir).join('\n');
    expect(all).not.toContain('.stackc-tmp-');
  });

  it('writes under --out, with headers naming stack.yaml relative to it', () => {
    const dir = project();
    const { status } = runCli(['build', '--out', 'generated'], dir);
    expect(status).toBe(0);
    expect(read(dir, 'generated/out/dev/api.txt')).toBe('# from ../stack.yaml\napi x1\n');
    expect(existsSync(join(dir, 'generated/.stackc/manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('stackc build: never damages a user\'s files', () => {
  it('refuses to overwrite a file it did not generate, and writes nothing at all', () => {
    const dir = project();
    mkdirSync(join(dir, 'out/dev'), { recursive: true });
    writeFileSync(join(dir, 'out/dev/api.txt'), 'my notes\n');
    const before = snapshotTree(dir);
    const { status, stderr } = runCli(['build'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('stackc will not overwrite this file: [would-overwrite]');
    expect(stderr).toContain('out/dev/api.txt: exists, and stackc did not generate it');
    expect(stderr).toContain('`stackc build --force`');
    expect(stderr).toContain('nothing was written');
    expect(snapshotTree(dir)).toEqual(before);
    expect(runCli(['build', '--force'], dir).status).toBe(0);
    expect(read(dir, 'out/dev/api.txt')).toBe('# from stack.yaml\napi x1\n');
  });

  it('refuses to overwrite a generated file edited by hand', () => {
    const dir = project();
    runCli(['build'], dir);
    writeFileSync(join(dir, 'out/prod/api.txt'), 'hand-tuned\n');
    writeFileSync(join(dir, 'stack.yaml'), STACK('  api: { image: "nginx:1.27", replicas: 3 }\n  worker: { image: "nginx:1.27" }'));
    const { status, stderr } = runCli(['build'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('out/prod/api.txt: edited by hand since stackc generated it');
    expect(read(dir, 'out/prod/api.txt')).toBe('hand-tuned\n');
    expect(read(dir, 'out/dev/api.txt')).toBe('# from stack.yaml\napi x1\n'); // all or nothing
  });

  it('prunes the files of a removed service, but keeps one edited by hand', () => {
    const dir = project('  api: { image: "nginx:1.27" }\n  worker: { image: "nginx:1.27" }\n  cron: { image: "nginx:1.27" }');
    runCli(['build'], dir);
    writeFileSync(join(dir, 'out/dev/cron.txt'), 'edited\n');
    writeFileSync(join(dir, 'stack.yaml'), STACK('  api: { image: "nginx:1.27" }'));
    const { status, stdout } = runCli(['build'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('- out/dev/worker.txt');
    expect(stdout).toContain('! out/dev/cron.txt (no longer generated, but edited by hand: left in place)');
    expect(stdout).toContain('stackc build: 0 written, 2 unchanged, 3 pruned');
    expect(existsSync(join(dir, 'out/prod/worker.txt'))).toBe(false);
    expect(read(dir, 'out/dev/cron.txt')).toBe('edited\n');
    const manifest = read(dir, '.stackc/manifest.json');
    expect(manifest).not.toContain('cron');
  });

  it('prunes only within the environment or target a filtered build covers', () => {
    const dir = project();
    runCli(['build'], dir);
    writeFileSync(join(dir, 'stack.yaml'), STACK('  api: { image: "nginx:1.27" }'));
    expect(runCli(['build', '--env', 'dev'], dir).stdout).toContain('- out/dev/worker.txt');
    expect(existsSync(join(dir, 'out/prod/worker.txt'))).toBe(true);
    expect(read(dir, '.stackc/manifest.json')).toContain('out/prod/worker.txt');
  });

  it('refuses paths outside the output directory from a target, writing nothing', () => {
    const dir = project();
    const before = snapshotTree(dir);
    const { status, stderr } = runCli(['build'], dir, { STACKC_TEST_EVIL: '../escape.txt' });
    expect(status).toBe(2);
    expect(stderr).toContain('target `files` produced a file whose path leaves the output directory: `../escape.txt` [unsafe-path]');
    expect(snapshotTree(dir)).toEqual(before);
    expect(runCli(['build'], dir, { STACKC_TEST_EVIL: '/etc/x' }).stderr).toContain('is absolute');
    expect(runCli(['build'], dir, { STACKC_TEST_EVIL: '.stackc/manifest.json' }).stderr).toContain('inside .stackc/');
  });

  it('does not write through a symbolic link', () => {
    const dir = project();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(dir, 'out'));
    const { status, stderr } = runCli(['build'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('`out` is a symbolic link; stackc does not write through links');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('writes nothing when stack.yaml is invalid', () => {
    const dir = project();
    writeFileSync(join(dir, 'stack.yaml'), STACK('  api: { image: "nginx:1.27", replica: 2 }'));
    const before = snapshotTree(dir);
    const { status, stderr } = runCli(['build'], dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^stack\.yaml:5:31: error: unknown key `replica`/);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('stackc build --check and --dry-run', () => {
  it('--check exits 0 when up to date and 1 when a build would change files, writing nothing', () => {
    const dir = project();
    runCli(['build'], dir);
    expect(runCli(['build', '--check'], dir)).toMatchObject({ status: 0, stdout: 'stackc build --check: up to date (4 files)\n' });
    writeFileSync(join(dir, 'stack.yaml'), STACK('  api: { image: "nginx:1.27", replicas: 2 }\n  worker: { image: "nginx:1.27" }'));
    const before = snapshotTree(dir);
    const check = runCli(['build', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('~ out/dev/api.txt');
    expect(check.stdout).toContain('2 file(s) out of date; run `stackc build` and commit the result');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--check counts a hand edit as drift', () => {
    const dir = project();
    runCli(['build'], dir);
    writeFileSync(join(dir, 'out/dev/api.txt'), 'edited\n');
    const check = runCli(['build', '--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('out/dev/api.txt (edited by hand since stackc generated it)');
  });

  it('--dry-run lists what would change and writes nothing', () => {
    const dir = project();
    const before = snapshotTree(dir);
    const { status, stdout } = runCli(['build', '--dry-run'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('+ out/prod/api.txt');
    expect(stdout).toContain('stackc build: 4 would be written (4 new), 0 unchanged, 0 would be pruned');
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('stackc build: selection and plugins', () => {
  it('rejects an unknown --env or --target with a suggestion', () => {
    const dir = project();
    expect(runCli(['build', '--env', 'prd'], dir)).toMatchObject({ status: 2, stderr: expect.stringContaining('no environment `prd` in stack.yaml') });
    expect(runCli(['build', '--env', 'prd'], dir).stderr).toContain('did you mean `prod`?');
    expect(runCli(['build', '--target', 'file'], dir).stderr).toContain('did you mean `files`?');
  });

  it('builds the example plugin target from fixtures/plugin-target', () => {
    const dir = tempDir();
    cpSync(join(root, 'fixtures/plugin-target'), dir, { recursive: true });
    rmSync(join(dir, 'expected'), { recursive: true, force: true });
    const { status, stdout, stderr } = runCli(['build'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('+ Procfile');
    expect(stderr).toContain('1 note on how targets map this stack: run with --verbose to read it');
    expect(runCli(['build', '--verbose', '--dry-run'], dir).stderr).toContain('info: service `docs` has no command, so it has no Procfile entry [procfile/no-command]');
    expect(read(dir, 'Procfile')).toBe(
      "# Generated by stackc from stack.yaml. Do not edit: change stack.yaml and run `stackc build`.\nweb: gunicorn app:wsgi --bind 0.0.0.0:8000\nworker: sh -c 'celery -A app worker --loglevel=info'\n",
    );
  });

  it('loads a plugin target from an npm package installed in the project', () => {
    const dir = tempDir();
    const pkg = join(dir, 'node_modules/stackc-target-hello');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'stackc-target-hello', type: 'module', exports: './index.js' }));
    writeFileSync(join(pkg, 'index.js'), "export default { name: 'hello', describe: 'hello', emit: (model) => [{ path: 'HELLO', target: 'hello', content: 'hello ' + model.stack.name + '\\n' }] };\n");
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: npm-demo\nservices: { api: { image: "nginx:1.27" } }\nplugins: [stackc-target-hello]\ntargets: { hello: {} }\n');
    const { status, stdout } = runCli(['build'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('+ HELLO');
    expect(read(dir, 'HELLO')).toBe('hello npm-demo\n');
    writeFileSync(join(dir, 'stack.yaml'), read(dir, 'stack.yaml').replace('stackc-target-hello]', 'stackc-target-missing]').replace('hello: {}', 'missing: {}'));
    expect(runCli(['build'], dir).stderr).toContain('plugin package `stackc-target-missing` is not installed');
  });

  it('reports plugin problems at the plugin line in stack.yaml', () => {
    const dir = project();
    writeFileSync(join(dir, 'files.mjs'), 'export default { name: "files" };\n');
    const invalid = runCli(['build'], dir);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^stack\.yaml:7:11: error: plugin `\.\/files\.mjs` has no `emit` function \[plugin-invalid\]/);
    rmSync(join(dir, 'files.mjs'));
    expect(runCli(['build'], dir).stderr).toContain('plugin `./files.mjs` does not exist');
    writeFileSync(join(dir, 'files.mjs'), 'export default { name: "files", emit() { throw new Error("boom") } };\n');
    const thrown = runCli(['build'], dir);
    expect(thrown.status).toBe(2);
    expect(thrown.stderr).toContain('target `files` failed: boom [plugin-failed]');
    expect(thrown.stderr).not.toMatch(/\n\s+at /);
  });

  it('places services only for a target that deploys them: a plugin whose place hook throws fails the GitHub Actions deploy, not a build of Compose', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'files.mjs'), 'export default { name: "files", place() { throw new Error("no place") }, emit() { return [] } };\n');
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: demo\nservices: { api: { image: "nginx:1.27" } }\nplugins: [./files.mjs]\ntargets: { compose: {}, files: {}, github-actions: {} }\n');
    const compose = runCli(['build', '--target', 'compose'], dir);
    expect(compose.status, compose.stderr).toBe(0);
    expect(existsSync(join(dir, 'compose.yaml'))).toBe(true);
    const all = runCli(['build'], dir);
    expect(all.status).toBe(2);
    expect(all.stderr).toContain('target `files` failed to place its services: no place [plugin-failed]');
  });

  it('checks a plugin\'s options against its options schema', () => {
    const dir = tempDir();
    cpSync(join(root, 'fixtures/plugin-target'), dir, { recursive: true });
    writeFileSync(join(dir, 'stack.yaml'), read(dir, 'stack.yaml').replace('procfile: { services: [web, worker, docs] }', 'procfile: { file: "../Procfile" }'));
    const { status, stderr } = runCli(['build'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('options of target `procfile`: /file must match pattern');
  });
});
