// Issue 21, item 2, must show: `stackc import` of a compose project with `configs:` and a
// bind-mounted nginx.conf carries them as `files:`, and the compose file built from the import
// mounts the same content at the same paths (fixtures/import/nginx-configs).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadStackText } from '../../src/load/load-stack.js';
import { parseComposeText } from '../../src/import/read.js';
import compose from '../../targets/compose/index.js';
import { root } from '../helpers.js';
import { emitContext, emitTarget } from '../targets/context.js';
import { composeView } from './compose-view.js';
import { importProject } from './corpus.js';

const dir = join(root, 'fixtures/import/nginx-configs');
const noEnv = () => [];

describe('stackc import: configs and a bind-mounted file become files: (fixtures/import/nginx-configs)', () => {
  const { result } = importProject(dir);

  it('carries the bind mount and both configs as files of the service', () => {
    const data = parseDocument(result.text!).toJS() as { services: Record<string, { files?: unknown[]; volumes?: unknown[] }> };
    expect(data.services.proxy!.volumes).toBeUndefined();
    expect(data.services.proxy!.files).toEqual([
      { path: '/etc/nginx/nginx.conf', source: './nginx.conf' },
      { path: '/etc/nginx/conf.d/default.conf', source: './default.conf' },
      { path: '/usr/share/nginx/html/banner.txt', content: 'Served by nginx for $${USER}\n', mode: '0444' },
    ]);
    expect(result.notes.filter((n) => n.affects?.aspect === 'volumes')).toEqual([]);
  });

  it('builds a compose file that mounts the same content at the same paths', () => {
    const stack = loadStackText(result.text!, { file: 'stack.yaml', root: dir }).stack!;
    const [file] = emitTarget(compose, emitContext(stack, 'compose', { environments: [stack.environments[0]!.name] })).filter((a) => a.path === 'compose.yaml');
    const built = parseComposeText(file!.path, join(dir, file!.path), file!.content, { lookup: () => undefined, origin: () => undefined }).file!;
    const original = composeView(result.merged!, () => dir, noEnv).get('proxy')!.volumes;
    const generated = composeView(built.root, () => dir, noEnv).get('proxy')!.volumes;
    expect(original).toEqual(
      new Map([
        ['/etc/nginx/nginx.conf', `file:${join(dir, 'nginx.conf')}`],
        ['/etc/nginx/conf.d/default.conf', `file:${join(dir, 'default.conf')}`],
        ['/usr/share/nginx/html/banner.txt', 'content:Served by nginx for ${USER}\n:mode=444'],
      ]),
    );
    expect(generated).toEqual(original);
  });
});
