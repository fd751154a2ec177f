import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/emit/manifest.js';
import { runCli, tempDir } from '../helpers.js';

// Found while writing the file-system safety tests: a manifest entry `../outside.txt` with the
// outside file's sha256 made `stackc build` prune (delete) a file outside the project. The manifest
// is a committed file a pull request can change, so its paths are checked like artifact paths.
describe('a hand-edited .stackc/manifest.json cannot point outside the output root', () => {
  it('parseManifest refuses entries whose path leaves the root or is absolute', () => {
    const manifest = (path: string) => JSON.stringify({ version: 1, files: [{ path, sha256: 'a'.repeat(64), target: 'compose' }] });
    expect(parseManifest(manifest('compose.yaml'))?.files).toHaveLength(1);
    for (const bad of ['../outside.txt', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\..\\..\\b']) expect(parseManifest(manifest(bad)), bad).toBeUndefined();
  });

  it('stackc build stops with exit 2 instead of deleting the outside file', () => {
    const parent = tempDir();
    const dir = join(parent, 'project');
    mkdirSync(dir);
    writeFileSync(join(parent, 'outside.txt'), 'precious\n');
    writeFileSync(join(dir, 'stack.yaml'), 'stack: 1\nname: demo\nservices:\n  api: { image: "nginx:1.27" }\ntargets:\n  compose: {}\n');
    expect(runCli(['build'], dir).status).toBe(0);
    const manifestFile = join(dir, '.stackc/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.files.push({ path: '../outside.txt', sha256: createHash('sha256').update('precious\n').digest('hex'), target: 'compose' });
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));

    const r = runCli(['build'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('.stackc/manifest.json is not a manifest stackc can read');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(parent, 'outside.txt'), 'utf8')).toBe('precious\n');
  });
});
