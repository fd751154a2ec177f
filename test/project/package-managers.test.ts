import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/project/package-managers.js';

/** A project as files relative to the output root; `stackFile` says where stack.yaml is in it. */
function project(tree: Record<string, string>, stackFile = 'stack.yaml') {
  const stackDir = stackFile.includes('/') ? stackFile.slice(0, stackFile.lastIndexOf('/')) : '.';
  const asked: string[] = [];
  // The readers get paths relative to the stack's directory, as the disk and git readers do.
  const read = (path: string) => {
    const full = [...(stackDir === '.' ? [] : stackDir.split('/')), ...path.split('/')].reduce<string[]>((parts, p) => (p === '..' ? parts.slice(0, -1) : p === '.' ? parts : [...parts, p]), []).join('/');
    asked.push(full);
    return tree[full];
  };
  return { facts: readProject(read, read, stackFile), asked };
}

describe('the package-manager facts CI reads', () => {
  it('finds stackc in devDependencies and the lockfile beside it', () => {
    const { facts } = project({ 'package.json': '{"devDependencies":{"stackc":"^0.1.0"},"packageManager":"pnpm@9.15.0"}', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    expect(facts.stackc).toEqual({ dir: '.', range: '^0.1.0', lockfile: { runtime: 'node', manager: 'pnpm', path: 'pnpm-lock.yaml' }, packageManager: 'pnpm@9.15.0' });
  });

  it('tells Yarn 2+ from Yarn 1 by the lockfile', () => {
    const berry = project({ 'package.json': '{"dependencies":{"stackc":"0.1.0"}}', 'yarn.lock': '# generated\n\n__metadata:\n  version: 8\n' }).facts;
    const classic = project({ 'package.json': '{"dependencies":{"stackc":"0.1.0"}}', 'yarn.lock': '# yarn lockfile v1\n' }).facts;
    expect(berry.stackc?.lockfile?.yarnBerry).toBe(true);
    expect(classic.stackc?.lockfile?.yarnBerry).toBe(false);
  });

  it('walks up from stack.yaml to the output root, and takes a workspace root\'s lockfile and packageManager', () => {
    const { facts, asked } = project(
      { 'deploy/package.json': '{"devDependencies":{"stackc":"0.1.0"}}', 'package.json': '{"packageManager":"yarn@4.5.3","workspaces":["deploy"]}', 'yarn.lock': '__metadata:\n' },
      'deploy/stack.yaml',
    );
    expect(facts.stackc).toEqual({ dir: 'deploy', range: '0.1.0', lockfile: { runtime: 'node', manager: 'yarn', path: 'yarn.lock', yarnBerry: true }, packageManager: 'yarn@4.5.3' });
    expect(asked.every((p) => !p.startsWith('..'))).toBe(true);
  });

  it('reads nothing when the output root is inside the project (stack.yaml above it)', () => {
    const { facts, asked } = project({ '../package.json': '{"devDependencies":{"stackc":"0.1.0"}}' }, '../stack.yaml');
    expect(facts.stackc).toBeUndefined();
    expect(facts.lockfiles('..')).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('has no stackc package without the dependency, and ignores a package.json that is not JSON', () => {
    expect(project({ 'package.json': '{"dependencies":{"left-pad":"1"}}', 'package-lock.json': '{}' }).facts.stackc).toBeUndefined();
    expect(project({ 'package.json': '{ not json' }).facts.stackc).toBeUndefined();
  });

  it('lists a directory\'s lockfiles in a fixed order, and none outside the output root', () => {
    const { facts } = project({ 'frontend/yarn.lock': '# yarn lockfile v1\n', 'frontend/package-lock.json': '{}', 'backend/requirements.txt': 'flask\n' });
    expect(facts.lockfiles('frontend').map((l) => l.path)).toEqual(['frontend/package-lock.json', 'frontend/yarn.lock']);
    expect(facts.lockfiles('./backend/')).toEqual([{ runtime: 'python', manager: 'pip', path: 'backend/requirements.txt' }]);
    expect(facts.lockfiles('../elsewhere')).toEqual([]);
  });
});
