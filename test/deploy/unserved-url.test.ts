// A static site's variable pointing at an address on the stack's own domains that no public service
// serves (issue 17, item 22): the browser would call a host that answers nothing. Reported once by
// the deployment model (src/deploy/unserved-urls.ts), whatever the targets.
import { describe, expect, it } from 'vitest';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { loadOk } from '../helpers.js';

const STACK = (api: string, site: string, environments = 'environments:\n  production: { domain: shop.example }\n') => `stack: 1
name: shop
${environments}services:
  api:
    build: ./api
    ports: [8000]
${api}  site:
    static: { root: ./site }
    env:
${site}`;

const warnings = (text: string) => resolveDeployment(loadOk(text)).problems.filter((p) => p.code === 'unserved-url');

describe('a static site calling its own domain where nothing is public', () => {
  it('warns at the variable when the API it names is private', () => {
    const found = warnings(STACK('', '      API_URL: https://api.shop.example/v1\n'));
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        environment: 'production',
        path: ['services', 'site', 'env', 'API_URL'],
        message: expect.stringContaining('`api.shop.example`'),
        hint: expect.stringContaining('public'),
      }),
    ]);
  });

  it('reads `${environment.domain}`, bare host names and addresses in longer values', () => {
    expect(warnings(STACK('', '      API_URL: https://api.${environment.domain}\n'))).toHaveLength(1);
    expect(warnings(STACK('', '      API_HOST: api.shop.example\n'))).toHaveLength(1);
    expect(warnings(STACK('', '      ORIGINS: "https://shop.example,wss://live.shop.example:443/socket"\n'))).toEqual([expect.objectContaining({ message: expect.stringContaining('`live.shop.example`') })]);
  });

  it('says nothing when a public service serves the host, in any environment, or a wildcard covers it', () => {
    expect(warnings(STACK('    public: { host: api.shop.example }\n', '      API_URL: https://api.shop.example\n'))).toEqual([]);
    expect(warnings(STACK('    public: { host: "*.shop.example" }\n', '      API_URL: https://api.shop.example\n'))).toEqual([]);
    const two = 'environments:\n  production: { domain: shop.example }\n  staging: { domain: staging.shop.example }\n';
    expect(warnings(STACK('    environments:\n      production: { public: { host: api.shop.example } }\n', '      API_URL: https://api.shop.example\n', two))).toEqual([]);
    // The site itself is served at the domain, so a path under it is its own (or a proxy's).
    expect(warnings(STACK('', '      API_URL: https://shop.example/api\n'))).toEqual([]);
  });

  it('never warns about references, which each target resolves, or hosts outside the stack\'s domains', () => {
    expect(warnings(STACK('    public: { host: api.shop.example }\n', '      API_URL: ${services.api.public_url}\n'))).toEqual([]);
    expect(warnings(STACK('', '      API_URL: ${services.api.url}\n'))).toEqual([]);
    expect(warnings(STACK('', '      STRIPE: https://api.stripe.com\n      LOOKALIKE: https://api.notshop.example\n'))).toEqual([]);
    expect(warnings(STACK('', '      API_URL: https://api.shop.example\n', ''))).toEqual([]);
  });

  it('is about static sites, whose variables reach the browser; a container may call a host of its own', () => {
    const text = `stack: 1
name: shop
environments:
  production: { domain: shop.example }
services:
  api:
    build: ./api
    ports: [8000]
    env: { PARTNER_URL: https://partners.shop.example }
`;
    expect(warnings(text)).toEqual([]);
  });
});
