// The directory a static site publishes file for file (src/deploy/served-root.ts), decided once for
// the targets that write files into a site's directory.
import { describe, expect, it } from 'vitest';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { isServed } from '../../src/deploy/served-root.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { emitContext, emitTarget, loadFixture } from '../targets/context.js';
import { loadOk, stackYaml } from '../helpers.js';

/** The `site` service's served root in the stack's first environment. */
function servedRootOf(site: string): string | undefined {
  const { model } = resolveDeployment(loadOk(stackYaml(`services:\n  site:\n${site}`)));
  return model.environments[0]!.service('site')!.servedRoot;
}

describe('the served root of a static site', () => {
  it('is the root of a site without a build, or the committed output directory below it', () => {
    expect(servedRootOf('    static: { root: ./site }\n')).toBe('site');
    expect(servedRootOf('    static: { root: ./site, framework: static }\n')).toBe('site');
    expect(servedRootOf('    static: { root: ./site, output: public }\n')).toBe('site/public');
  });

  it('is none for a site that builds: its build command, or the default build of its framework', () => {
    expect(servedRootOf('    static: { root: ./site, build: npm run build, output: dist }\n')).toBeUndefined();
    expect(servedRootOf('    static: { root: ./site, framework: vite }\n')).toBeUndefined();
  });

  it('publishes what lies in it or below it, and nothing beside it', () => {
    expect(isServed('site', 'site')).toBe(true);
    expect(isServed('./site/assets', 'site')).toBe(true);
    expect(isServed('site', 'site/public')).toBe(false);
    expect(isServed('sites', 'site')).toBe(false);
    expect(isServed('deploy/railway', '.')).toBe(true);
    expect(isServed('site', undefined)).toBe(false);
  });
});

describe('what the platforms publish of a site without a build (issue 17, item 18)', () => {
  it('holds no file of stackc\'s but vercel.json, which Vercel reads and never serves', () => {
    const stack = loadFixture('fidelity/static-site-served-root');
    const written = ['vercel', 'railway'].flatMap((name) => emitTarget(BUILTIN_TARGETS.find((t) => t.name === name)!, emitContext(stack, name)).map((a) => a.path));
    expect(written).toContain('deploy/railway/railway.site.json');
    expect(written.filter((path) => isServed(path.split('/').slice(0, -1).join('/') || '.', 'site'))).toEqual(['site/vercel.json']);
  });
});
