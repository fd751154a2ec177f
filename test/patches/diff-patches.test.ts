// `stackc diff` names the patches a file's content comes from (issue 21): a patch added in a commit
// shows on the files it changes as their origin, besides stackc.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, json, repository } from '../diff-helpers.js';
import { runCli } from '../helpers.js';

const stack = (patches = '') => `stack: 1
name: shop
services:
  api: { image: "quay.io/acme/api:1.0.0", ports: [8000], user: "1000:1000" }
targets:
  kubernetes: {}
  compose:${patches ? `\n    patches:\n${patches}` : ' {}'}
`;

describe('diff shows patches as the origin of what they change', () => {
  it('names the patch on the file it changed, in text and JSON', () => {
    const dir = repository(stack());
    try {
      writeFileSync(join(dir, 'stack.yaml'), stack('      - { service: api, patch: { stop_grace_period: 30s } }'));
      git(dir, 'commit', '-q', '-am', 'a patch');
      const report = json(runCli(['diff', '--base', 'HEAD~1', '--format', 'json'], dir).stdout);
      expect(report.files.map((f: { path: string; patchedBy?: string[] }) => [f.path, f.patchedBy])).toEqual([['compose.yaml', ['targets.compose.patches[0]']]]);
      expect(runCli(['diff', '--base', 'HEAD~1'], dir).stdout).toContain('compose.yaml changed (compose, development; patched by targets.compose.patches[0])');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
