// Wrong hints (issue 19, item 16): each message says what is true and what to do, and the CLI
// exits 2 for a user's (or a plugin's) mistake.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaReference } from '../../src/cli/commands/init.js';
import { publishedSchemaUrl } from '../../src/cli/published-schema.js';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';
import { explainCode } from '../../src/diagnostics/explain-code.js';
import { BUILTIN_CAPABILITIES } from '../../src/emit/builtin-capabilities.js';
import { utf16Encoding } from '../../src/load/utf16.js';
import { loadDiagnostics, root, runCli, tempDir } from '../helpers.js';

const STACK = 'stack: 1\nname: shop\nservices:\n  web:\n    image: nginx:1.27\n    ports: [80]\ntargets:\n  compose: {}\n';

function project(stack = STACK): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'stack.yaml'), stack);
  return dir;
}

describe('build: a symbolic link where a file goes', () => {
  it('does not claim that --force overwrites it, and says what to do', () => {
    const dir = project();
    writeFileSync(join(dir, 'elsewhere.yaml'), 'keep\n');
    symlinkSync('elsewhere.yaml', join(dir, 'compose.yaml'));
    for (const args of [['build'], ['build', '--force']]) {
      const result = runCli(args, dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/symbolic link/);
      expect(result.stderr).not.toMatch(/--force` overwrites/);
      expect(result.stderr).toMatch(/never writes through a symbolic link .*even with `--force`: remove or rename/);
    }
    expect(readFileSync(join(dir, 'elsewhere.yaml'), 'utf8')).toBe('keep\n');
  });
});

describe('-C names a directory', () => {
  it('`-C stack.yaml` says -C takes a directory and suggests -f', () => {
    const dir = project();
    const result = runCli(['validate', '-C', 'stack.yaml'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/-C stack\.yaml is a file, not a directory/);
    expect(result.stderr).toMatch(/`-f stack\.yaml`/);
    expect(result.stderr).not.toMatch(/no stack\.yaml in/);
  });
});

describe('explain knows every code a command prints', () => {
  it('explains a target code (`compose/public`) and a build code (`would-overwrite`)', () => {
    const target = runCli(['explain', 'compose/public']);
    expect(target.status).toBe(0);
    expect(target.stdout).toMatch(/Docker Compose/);
    expect(target.stdout).toContain('docs/targets/compose.md');
    const build = runCli(['explain', 'would-overwrite']);
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/stackc build/);
  });

  it('explains every code of docs/diagnostics.md and of every target\'s capabilities', () => {
    const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');
    const documented = [...docs.matchAll(/^\| (`[^|]+) \|/gm)].filter((m) => !m[1]!.includes('/*')).flatMap((m) => [...m[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((c) => c[1]!));
    expect(Object.keys(DIAGNOSTIC_CODES).sort()).toEqual([...new Set(documented)].sort());
    const targetCodes = Object.values(BUILTIN_CAPABILITIES).flatMap((c) => [...c.gaps.map((g) => g.code), ...Object.keys(c.codes)]);
    for (const code of [...documented, ...targetCodes]) expect(explainCode(code), code).toMatch(new RegExp(`^# \`${code}\``));
  });

  it('suggests the nearest rule or code for a typo', () => {
    const result = runCli(['explain', 'compose/pubic']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/did you mean `compose\/public`\?/);
    expect(runCli(['explain', 'non-root-usr']).stderr).toMatch(/did you mean `non-root-user`\?/);
  });
});

describe('unknown keys', () => {
  it('`prots:` suggests `ports` (two letters swapped is one typo)', () => {
    const diagnostics = loadDiagnostics('stack: 1\nname: shop\nservices:\n  web:\n    image: nginx:1.27\n    prots: [80]\n');
    expect(diagnostics.find((d) => d.code === 'unknown-key')?.hint).toBe('did you mean `ports`?');
  });
});

describe('UTF-16 stack files', () => {
  const utf16le = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => Buffer.from(utf16le(text, false).map((_, i, b) => b[i ^ 1]!));

  it('names the encoding, with or without a byte-order mark', () => {
    expect(utf16Encoding(utf16le(STACK, true))).toBe('UTF-16LE');
    expect(utf16Encoding(utf16le(STACK, false))).toBe('UTF-16LE');
    expect(utf16Encoding(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(STACK)]))).toBe('UTF-16BE');
    expect(utf16Encoding(utf16be(STACK))).toBe('UTF-16BE');
    expect(utf16Encoding(Buffer.from(STACK))).toBeUndefined();
    expect(utf16Encoding(Buffer.from('x'))).toBeUndefined();
  });

  it.each([['with a BOM', true], ['without one', false]])('validate and import say "is UTF-16; save it as UTF-8" (%s)', (_name, bom) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), utf16le(STACK, bom));
    const result = runCli(['validate'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/stack\.yaml is UTF-16LE, not UTF-8/);
    expect(result.stderr).toMatch(/save it as UTF-8/);
    writeFileSync(join(dir, 'compose.yaml'), utf16le('services:\n  web:\n    image: nginx:1.27\n', bom));
    const imported = runCli(['import', 'compose.yaml', '-o', 'new.yaml'], dir);
    expect(imported.status).toBe(2);
    expect(imported.stderr).toMatch(/compose\.yaml is UTF-16LE, not UTF-8/);
  });
});

describe('colour never goes into a file', () => {
  it('`lint -o` writes no ANSI codes under FORCE_COLOR', () => {
    const dir = project();
    runCli(['lint', '-o', 'report.txt'], dir, { FORCE_COLOR: '1', NO_COLOR: '' });
    const report = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(report).toMatch(/non-root-user/);
    expect(report).not.toMatch(/\u001b\[/);
  });
});

describe('a failing plugin target exits 2 with a clear message', () => {
  const plugin = (body: string) => {
    const dir = project('stack: 1\nname: demo\nservices: { api: { image: "nginx:1.27" } }\nplugins: [./files.mjs]\ntargets: { files: {} }\n');
    writeFileSync(join(dir, 'files.mjs'), `export default { name: "files", ${body} };\n`);
    return runCli(['build'], dir);
  };
  it.each([
    ['an async emit that rejects', 'async emit() { throw new Error("boom") }', /`emit` returned a Promise/],
    ['an emit that returns no array', 'emit() { return 5 }', /`emit` returned number `5`, not an array/],
    ['a file without a text path', 'emit() { return [{ path: 5, content: "x" }] }', /without a text `path` and `content`/],
    ['a thrown string', 'emit() { throw "no can do" }', /failed: no can do/],
    ['a thrown null', 'emit() { throw null }', /failed: it threw null/],
  ])('%s', (_name, body, message) => {
    const result = plugin(body);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\[plugin-failed\]/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('init', () => {
  it('refuses next to an existing stack.yml, even with --force', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yml'), STACK);
    for (const args of [['init'], ['init', '--force']]) {
      const result = runCli(args, dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/stack\.yml already exists/);
    }
    expect(existsSync(join(dir, 'stack.yaml'))).toBe(false);
  });

  it('points $schema at the published, versioned schema when stackc is not in the project\'s node_modules', () => {
    const dir = tempDir();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(schemaReference(dir, root)).toBe(`https://cdn.jsdelivr.net/npm/stackc@${pkg.version}/schema/stack.schema.json`);
  });

  it('uses the node_modules copy of an ancestor (a workspace)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules/stackc/schema'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/stackc/schema/stack.schema.json'), '{}');
    mkdirSync(join(dir, 'apps/shop'), { recursive: true });
    expect(schemaReference(join(dir, 'apps/shop'), root)).toBe('../../node_modules/stackc/schema/stack.schema.json');
    expect(schemaReference(dir, root)).toBe('./node_modules/stackc/schema/stack.schema.json');
  });

  it('names the npm package at its exact version, the file the tarball ships', () => {
    expect(publishedSchemaUrl({ name: 'stackc', version: '1.2.3' })).toBe('https://cdn.jsdelivr.net/npm/stackc@1.2.3/schema/stack.schema.json');
    expect(publishedSchemaUrl({ name: '@acme/stackc', version: '1.2.3-rc.1' })).toBe('https://cdn.jsdelivr.net/npm/@acme/stackc@1.2.3-rc.1/schema/stack.schema.json');
    const files = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toContain('schema/stack.schema.json');
  });
});

describe('counts agree with their nouns', () => {
  it('validate, import and build --check say "1 service", "1 resource", "1 file"', () => {
    const dir = project('stack: 1\nname: shop\nservices:\n  web:\n    image: nginx:1.27\n    ports: [80]\nresources:\n  db: { type: postgres }\ntargets:\n  compose: {}\n');
    expect(runCli(['validate'], dir).stdout).toMatch(/1 service, 1 resource, 1 environment/);
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n');
    expect(runCli(['import', 'compose.yaml', '-o', 'imported.yaml'], dir).stderr + runCli(['import', 'compose.yaml', '-o', 'imported.yaml', '--force'], dir).stdout).not.toMatch(/\b1 (services|resources)\b/);
    const one = project('stack: 1\nname: demo\nservices: { api: { image: "nginx:1.27" } }\nplugins: [./one.mjs]\ntargets: { one: {} }\n');
    writeFileSync(join(one, 'one.mjs'), 'export default { name: "one", emit() { return [{ path: "one.txt", content: "1\\n" }] } };\n');
    const built = runCli(['build'], one);
    expect(built.status, built.stderr).toBe(0);
    expect(runCli(['build', '--check'], one).stdout).toMatch(/up to date \(1 file\)/);
  });

  it('the Compose note on autoscale says "runs 1 replica"', () => {
    const dir = project('stack: 1\nname: shop\nservices:\n  web:\n    image: nginx:1.27\n    autoscale: { min: 1, max: 3, cpu: 70 }\ntargets:\n  compose: {}\n');
    expect(runCli(['build'], dir).status).toBe(0);
    const compose = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    expect(compose).toMatch(/runs 1 replica\b/);
    expect(compose).not.toMatch(/1 replicas/);
  });
});

describe('validate checks the directories stack.yaml names', () => {
  const stack = 'stack: 1\nname: shop\nservices:\n  web:\n    build: ./backnd\n    ports: [80]\n  site:\n    static:\n      root: ./site\ntargets:\n  compose: {}\n';

  it('a missing build context or static root is an error at its line, with the nearest directory', () => {
    const dir = project(stack);
    mkdirSync(join(dir, 'backend'));
    writeFileSync(join(dir, 'site'), 'a file');
    const result = runCli(['validate'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^stack\.yaml:5:12: error: build context `\.\/backnd` does not exist \[missing-path\]/m);
    expect(result.stderr).toMatch(/did you mean `\.\/backend`\?/);
    expect(result.stderr).toMatch(/^stack\.yaml:9:13: error: static site root `\.\/site` is a file, not a directory \[missing-path\]/m);
    expect(runCli(['validate', '--format', 'json'], dir).stdout).toMatch(/"valid": false/);
  });

  it('passes once they exist', () => {
    const dir = project(stack.replace('backnd', 'backend'));
    mkdirSync(join(dir, 'backend'));
    mkdirSync(join(dir, 'site'));
    const result = runCli(['validate'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
