import { defineRule } from '../rule.js';
import { capabilityName, dig, originOf, workloads, type Origin } from './support/workloads.js';

export default defineRule({
  meta: {
    id: 'no-privileged',
    description: 'What the targets render runs no privileged container, allows no privilege escalation and adds no capabilities.',
    category: 'security',
    severity: 'error',
    scopes: ['artifacts'],
    pluginTargetsOnly: true,
    docs: {
      why: 'A privileged container has every capability and every device of the host: it is root on the node, not in a sandbox. Added capabilities such as `SYS_ADMIN`, `NET_ADMIN` or `SYS_PTRACE` each reopen a piece of that door, and `allowPrivilegeEscalation: true` lets a setuid binary gain them back. stack.yaml has no field for any of this, and the built-in targets write the opposite (`privileged: false`, `allowPrivilegeEscalation: false`, every capability dropped); the rule checks the rendered files so that a plugin target, or a future option, cannot bring it in unnoticed.',
      fix: 'Change the target (plugin) that renders it, or its options under `targets.<name>`, so that it does not write `privileged: true`, `allowPrivilegeEscalation: true`, `cap_add` or `capabilities.add`. A capability the service really needs can be allowed with the option `allowedCapabilities`.',
      bad: 'plugins: [./stackc-target-swarm.mjs]\ntargets:\n  swarm: { privileged: true }   # renders `privileged: true` and `cap_add: [SYS_ADMIN]`',
      good: 'plugins: [./stackc-target-swarm.mjs]\ntargets:\n  swarm: {}',
      whenOff: 'Only for a stack whose purpose is to manage its host (a CI runner with Docker-in-Docker, a node agent), and then better per finding, with a reason.',
    },
    peers: [
      'kube-linter privileged-container',
      'kube-linter privilege-escalation-container',
      'Polaris runAsPrivileged',
      'Polaris privilegeEscalationAllowed',
      'Polaris dangerousCapabilities',
      'Checkov CKV_K8S_2',
      'Checkov CKV_K8S_16',
      'Checkov CKV_K8S_5',
      'Checkov CKV_K8S_20',
      'Checkov CKV_K8S_39',
      'kube-score container-security-context-privileged',
    ],
    securitySeverity: 9.0,
    options: {
      allowedCapabilities: {
        type: 'string[]',
        default: ['NET_BIND_SERVICE'],
        description: 'Capabilities a container may add (without `CAP_`). `NET_BIND_SERVICE` (bind ports below 1024) is allowed by default: Docker grants it anyway, and it is the one capability the Kubernetes `restricted` Pod Security Standard lets a pod add. A list given here replaces the default, so keep it in the list.',
      },
    },
  },
  check(ctx) {
    const allowed = new Set(ctx.options.allowedCapabilities.map(capabilityName));
    const { compose, pods } = workloads(ctx.artifacts());
    const report = (item: Origin, file: string, container: string, what: string, finding: string) =>
      ctx.report({
        message: `target \`${item.artifact.target}\` renders ${what} for ${container} in ${file}`,
        at: { path: originOf(ctx.stack, item), key: true },
        hint: `change the \`${item.artifact.target}\` target or its options so it does not write ${what}${finding.includes('cap') ? '; a capability the container really needs can be allowed with the rule option `allowedCapabilities`' : ''}`,
        key: `${file}#${container}#${finding}`,
      });

    for (const item of compose) {
      const { artifact, name, definition } = item;
      if (definition.privileged === true) report(item, artifact.path, `service \`${name}\``, '`privileged: true`', 'privileged');
      const added = (Array.isArray(definition.cap_add) ? definition.cap_add : []).map(capabilityName).filter((c) => !allowed.has(c));
      if (added.length) report(item, artifact.path, `service \`${name}\``, `\`cap_add: [${added.join(', ')}]\``, `cap_add:${added.join(',')}`);
    }
    for (const item of pods) {
      const { artifact, object, containers } = item;
      for (const { name, definition } of containers) {
        const sc = definition.securityContext;
        const who = `container \`${name}\` of ${object}`;
        if (dig(sc, ['privileged']) === true) report(item, artifact.path, who, '`privileged: true`', 'privileged');
        if (dig(sc, ['allowPrivilegeEscalation']) === true) report(item, artifact.path, who, '`allowPrivilegeEscalation: true`', 'allowPrivilegeEscalation');
        const add = dig(sc, ['capabilities', 'add']);
        const added = (Array.isArray(add) ? add : []).map(capabilityName).filter((c) => !allowed.has(c));
        if (added.length) report(item, artifact.path, who, `\`capabilities.add: [${added.join(', ')}]\``, `capabilities.add:${added.join(',')}`);
      }
    }
  },
});
