// The published package, as a user gets it: `npm pack` (which runs `prepare`: the bundle and the
// type declarations), then `npm install <tarball>` in an empty project. The CLI runs from there,
// the library imports, and a TypeScript consumer type-checks against the shipped declarations.
// Slow (tens of seconds: it bundles, emits declarations and installs); one test on purpose.
//
// It packs a copy of the checkout (git's files, node_modules linked), because `prepare` empties
// dist/, which other test files are running from at the same time.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tempDir } from './helpers.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

interface Packed { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }

describe('the npm package', () => {
  it('packs only what it needs, installs into an empty project, and works as a CLI and a typed library', () => {
    const work = tempDir();
    const copy = join(work, 'stackc');
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of listed) {
      if (!existsSync(join(root, file))) continue; // deleted in the working tree
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], copy)) as Packed[];
    const paths = packed!.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/stackc.cjs', 'dist/stackc.cjs', 'dist/index.js', 'dist/viz.js', 'dist/types/src/index.d.ts', 'schema/stack.schema.json']));
    const unexpected = paths.filter((p) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/stackc\.cjs|schema\/stack\.schema\.json|dist\/.+\.(js|cjs|cjs\.map|d\.ts))$/.test(p));
    expect(unexpected, 'no tests, fixtures, sources, docs, .stackc or node_modules in the package').toEqual([]);
    expect(packed!.size, 'tarball size').toBeLessThan(6 * 1024 * 1024);

    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', join(work, packed!.filename), '--prefer-offline'], project);

    // The installed footprint (issue 22): the bundle carries every dependency it runs, so the only
    // one installed beside it is `yaml`, whose declarations the library's types name
    // (ParsedSource.doc). `du`, as users measure it (disk blocks, not file sizes).
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.')).sort()).toEqual(['stackc', 'yaml']);
    const footprintKiB = Number(execFileSync('du', ['-sk', join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    expect(footprintKiB, 'installed footprint in KiB (docs/performance.md)').toBeLessThanOrEqual(8 * 1024);
    // Source maps are there for internal errors' traces (src/cli/main.ts), which need the mappings,
    // not copies of the sources.
    const maps = packed!.files.filter((f) => f.path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    expect(maps.filter((f) => 'sourcesContent' in JSON.parse(readFileSync(join(project, 'node_modules/stackc', f.path), 'utf8'))).map((f) => f.path)).toEqual([]);

    const stackc = (...args: string[]) => spawnSync(join(project, 'node_modules/.bin/stackc'), args, { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
    expect(stackc('--version').stdout.trim()).toBe(version);
    // init points editors at the installed schema, which is there
    expect(stackc('init', '--name', 'shop').status).toBe(0);
    const stackYaml = readFileSync(join(project, 'stack.yaml'), 'utf8');
    expect(stackYaml.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/stackc/schema/stack.schema.json');
    expect(JSON.parse(readFileSync(join(project, 'node_modules/stackc/schema/stack.schema.json'), 'utf8')).title).toBeTruthy();
    mkdirSync(join(project, 'api')); // the starter's build context, which validate checks
    const validate = stackc('validate');
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('stack.yaml: valid');
    const build = stackc('build', '--target', 'compose');
    expect(build.status, build.stderr).toBe(0);
    expect(readFileSync(join(project, 'compose.yaml'), 'utf8')).toContain('Generated by stackc');
    expect(stackc('validate', '-f', 'missing.yaml').status).toBe(2);

    // npx, as users run it without installing (the smoke test does the same on the other Nodes).
    const elsewhere = join(work, 'npx');
    mkdirSync(elsewhere);
    const npx = spawnSync('npx', ['--yes', '--prefer-offline', '--package', join(work, packed!.filename), 'stackc', '--version'], { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(npx.stdout.trim(), npx.stderr).toBe(version);

    // The library, from the installed package
    const script = `import { loadStack, build, lint, version } from 'stackc';
const loaded = loadStack('stack.yaml');
if (!loaded.ok) throw new Error('did not load');
const built = await build(loaded, { target: 'compose' });
const result = await lint(loaded);
console.log(JSON.stringify({ version, name: loaded.stack.name, compose: built.artifacts.some((a) => a.path === 'compose.yaml'), rules: result.rules.length }));`;
    const library = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(library.status, library.stderr).toBe(0);
    expect(JSON.parse(library.stdout)).toEqual({ version, name: 'shop', compose: true, rules: expect.any(Number) });
    expect(JSON.parse(library.stdout).rules).toBeGreaterThan(20);

    // A TypeScript consumer type-checks against the shipped declarations (library checking on),
    // and a misuse is an error, so the types are not `any`.
    writeFileSync(join(project, 'consumer.ts'), `import { build, defineRule, defineTarget, lint, loadStack, type Artifact, type DeploymentModel, type Finding } from 'stackc';
export const target = defineTarget({
  name: 'procfile',
  describe: 'a Procfile',
  emit(model: DeploymentModel, ctx): Artifact[] {
    const services = ctx.plan.services(ctx.environments[0]!).map((s) => s.name + ': run on port ' + (s.mainPort ?? 'none'));
    return [{ path: 'Procfile', target: 'procfile', content: services.join('\\n') + '\\n', facts: { services: [model.stack.name] } }];
  },
});
export const rule = defineRule({
  meta: { id: 'named', description: 'x', category: 'lint', severity: 'warn', scopes: ['model'], docs: { why: 'w', fix: 'f' }, peers: [] },
  check(ctx) { ctx.report({ message: ctx.stack.name, at: { path: ['name'] } }); },
});
const loaded = loadStack({ text: 'stack: 1\\nname: x\\n', root: '.' });
if (loaded.ok) {
  const built = await build(loaded, { env: 'production' });
  const paths: string[] = built.artifacts.map((a) => a.path);
  const findings: Finding[] = (await lint(loaded, { rules: { 'non-root-user': 'error' } })).findings;
  console.log(paths, findings);
}
// @ts-expect-error -- a number is not a path or { text }
loadStack(42);
`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] }, files: ['consumer.ts'] }));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 240_000);
});
