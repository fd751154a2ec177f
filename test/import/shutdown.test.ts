// Issue 20, item 4, must show: `stackc import` of a compose project that sets stop_signal,
// stop_grace_period and deploy.update_config carries them (fixtures/import/graceful-rollout), and the
// compose file built from the import stops each service the same way.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadStackText } from '../../src/load/load-stack.js';
import compose from '../../targets/compose/index.js';
import { root } from '../helpers.js';
import { emitContext, emitTarget } from '../targets/context.js';
import { importProject } from './corpus.js';

const dir = join(root, 'fixtures/import/graceful-rollout');

describe('stackc import: stop settings and update_config (fixtures/import/graceful-rollout)', () => {
  const { result } = importProject(dir);
  const services = () => (parseDocument(result.text!).toJS() as { services: Record<string, Record<string, unknown>> }).services;

  it('carries stop_signal and stop_grace_period, and update_config as rollout', () => {
    expect(services().web).toMatchObject({ stop_signal: 'SIGQUIT', stop_grace_period: '90s', rollout: { strategy: 'rolling', max_surge: 1, max_unavailable: 0 } });
    expect(services().worker).toMatchObject({ stop_signal: 'SIGTERM', stop_grace_period: '20s', rollout: 'recreate' });
    expect(result.notes.map((n) => [n.severity, n.at.line, n.message])).toEqual(
      expect.arrayContaining([
        ['info', 10, expect.stringContaining('`docker compose up` ignores it')],
        ['warning', 13, expect.stringContaining('update_config `delay` of `web` was not carried over')],
      ]),
    );
  });

  it('builds a compose file that stops the services the same way', () => {
    const stack = loadStackText(result.text!, { file: 'stack.yaml', root: dir }).stack!;
    const [file] = emitTarget(compose, emitContext(stack, 'compose', { environments: [stack.environments[0]!.name] })).filter((a) => a.path === 'compose.yaml');
    const built = (parseDocument(file!.content).toJS() as { services: Record<string, Record<string, unknown>> }).services;
    expect(built.web).toMatchObject({ stop_signal: 'SIGQUIT', stop_grace_period: '90s' });
    expect(built.worker).toMatchObject({ stop_signal: 'SIGTERM', stop_grace_period: '20s' });
  });
});
