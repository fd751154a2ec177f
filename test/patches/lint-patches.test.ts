// Patched output is checked by lint's rendered-output rules like a plugin's: a patch that makes a
// pod privileged is caught at the patch's line, and suppressible there with a reason.
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../lint/harness.js';

const stack = (comment = '') => `stack: 1
name: shop
environments:
  staging: {}
  production: {}
services:
  api:
    image: quay.io/acme/api:1.0.0
    ports: [8000]
    user: "1000:1000"
targets:
  kubernetes:
    patches:
      - target: { kind: Service }
        patch: [{ op: add, path: /metadata/annotations, value: { a: b } }]
${comment}      - target: { kind: Deployment, name: api }
        environments: [production]
        patch:
          spec:
            template:
              spec:
                containers:
                  - name: api
                    securityContext: { privileged: true }
`;

describe('lint reads the objects as the patches leave them', () => {
  it('reports a privileged container a patch adds, at the patch', async () => {
    const { findings } = await lintFiles({ 'stack.yaml': stack() });
    const found = findings.filter((f) => f.ruleId === 'no-privileged');
    expect(found.map((f) => [f.message, f.line])).toEqual([['target `kubernetes` renders `privileged: true` for container `api` of Deployment/api in deploy/kubernetes/overlays/production/kustomization.yaml', 16]]);
  });

  it('is suppressed at the patch, with a reason', async () => {
    const { findings } = await lintFiles({ 'stack.yaml': stack('      # stackc-disable-next-line no-privileged -- the node agent needs the host devices (OPS-7)\n') });
    expect(findings.filter((f) => f.ruleId === 'no-privileged').map((f) => f.suppressed?.reason)).toEqual(['the node agent needs the host devices (OPS-7)']);
    expect(findings.filter((f) => f.ruleId === 'suppression-reason' || f.ruleId === 'unused-suppression')).toEqual([]);
  });
});
