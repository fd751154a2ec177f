import type { Port } from '../../model/stack.js';
import { defineRule } from '../rule.js';
import { runStage, stageChain } from '../../dockerfile/dockerfile.js';

/** Ports that give a shell or the Docker daemon to whoever reaches them. */
const SENSITIVE: Record<number, { what: string; hint: string }> = {
  22: {
    what: "SSH, a way in that bypasses the platform's access control and audit log",
    hint: 'drop the SSH server from the container and use `docker compose exec`, `kubectl exec` or `fly ssh console`; if the service is an SSH endpoint on purpose (a Git server), suppress this with that reason',
  },
  2375: { what: "the Docker daemon's API without TLS, which gives whoever reaches it root on the host", hint: 'do not expose the Docker daemon; if a service must talk to it, give it a narrowly scoped API (a socket proxy) on an internal network' },
  2376: { what: "the Docker daemon's API, which gives whoever reaches it root on the host", hint: 'do not expose the Docker daemon; if a service must talk to it, give it a narrowly scoped API (a socket proxy) on an internal network' },
};
const PORTS = Object.keys(SENSITIVE).map(Number);

const inRange = (from: number, to: number | undefined): number | undefined => PORTS.find((p) => from <= p && p <= (to ?? from));

export default defineRule({
  meta: {
    id: 'sensitive-port',
    description: 'No service listens on or publishes the SSH port (22) or the Docker daemon\'s ports (2375, 2376).',
    category: 'security',
    severity: 'warn',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'An SSH server in a container is a second way in that bypasses the platform\'s access control and audit log, and it usually ships with keys or passwords baked into the image. Ports 2375 and 2376 are the Docker daemon\'s API: anyone who reaches them can start a privileged container, which is root on the host.',
      fix: 'Remove the port from `ports` (and the `EXPOSE` from the Dockerfile) and the server behind it from the image. Get a shell with `docker compose exec`, `kubectl exec` or `fly ssh console` instead.',
      bad: 'services:\n  app:\n    build: ./app\n    ports: [8000, 22]',
      good: 'services:\n  app:\n    build: ./app\n    ports: [8000]',
      whenOff: 'For a service that is an SSH endpoint on purpose, such as a Git server: suppress that port with the reason rather than turning the rule off.',
    },
    peers: ['kube-linter ssh-port', 'Checkov CKV_DOCKER_1'],
    securitySeverity: 5.0,
  },
  container(ctx, { service }) {
    for (const port of service.ports) {
      const hit = portHit(port);
      if (!hit) continue;
      const { what, hint } = SENSITIVE[hit.port]!;
      const side = hit.side === 'container' ? `listens on port ${hit.port}` : `publishes host port ${hit.port}`;
      ctx.report({ message: `service \`${service.name}\` ${side}: ${what}`, at: { path: port.path }, hint });
    }
    const dockerfile = service.build && ctx.dockerfile(service);
    if (!dockerfile) return;
    const stage = runStage(dockerfile, service.build!.target);
    if (!stage) return;
    // `EXPOSE 22` in the run stage or a stage it builds on: the image is made to serve it. (Each
    // Dockerfile line is reported once however many services run it: the engine drops repeats.)
    for (const s of stageChain(dockerfile, stage)) {
      for (const ins of s.instructions) {
        if (ins.keyword !== 'EXPOSE') continue;
        for (const word of ins.args.split(/\s+/)) {
          const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(word);
          const port = m ? inRange(Number(m[1]), m[2] ? Number(m[2]) : undefined) : undefined;
          if (port === undefined) continue;
          const { what, hint } = SENSITIVE[port]!;
          ctx.report({
            message: `${dockerfile.file} exposes port ${port}: ${what}`,
            at: { file: dockerfile.file, line: ins.line, col: ins.col, endLine: ins.endLine, endCol: ins.endCol, pointer: `FROM[${s.index}]/EXPOSE ${port}` },
            hint,
          });
        }
      }
    }
  },
});

function portHit(port: Port): { port: number; side: 'container' | 'host' } | undefined {
  const container = inRange(port.container, port.containerEnd);
  if (container !== undefined) return { port: container, side: 'container' };
  const host = port.host === undefined ? undefined : inRange(port.host, port.hostEnd);
  return host === undefined ? undefined : { port: host, side: 'host' };
}

