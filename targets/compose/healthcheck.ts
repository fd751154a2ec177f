// stackc probes as Compose healthchecks. Compose runs them inside the container, so an `http` or
// `tcp` probe needs a tool in the image (the compose/http-healthcheck and compose/tcp-healthcheck
// gaps say which).
import type { Healthcheck, Probe, Service } from '../../src/model/stack.js';
import { literal } from './text.js';
import { duration, shellQuote } from '../../src/emit/text.js';

export interface ComposeHealthcheck {
  test?: string[];
  disable?: true;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

/** The healthcheck and a comment for the file (why it is disabled), or nothing when none is set. */
export function healthcheckOf(service: Service): { healthcheck: ComposeHealthcheck; comment?: string } | undefined {
  const h = service.healthcheck;
  if (!h) return undefined;
  if (!h.probe) return { healthcheck: { disable: true }, comment: `healthcheck disabled: ${h.disabledReason ?? ''}`.trim() };
  return { healthcheck: { test: probeTest(h.probe), ...timings(h) } };
}

function timings(h: Pick<Healthcheck, 'intervalMs' | 'timeoutMs' | 'retries' | 'startPeriodMs'>): Omit<ComposeHealthcheck, 'test' | 'disable'> {
  return {
    interval: duration(h.intervalMs),
    timeout: duration(h.timeoutMs),
    retries: h.retries,
    ...(h.startPeriodMs > 0 ? { start_period: duration(h.startPeriodMs) } : {}),
  };
}

function probeTest(probe: Probe): string[] {
  switch (probe.kind) {
    case 'command': {
      const [first, second, script] = probe.command;
      // A string command (`sh -c "..."`) is what Compose's CMD-SHELL runs anyway.
      if (probe.command.length === 3 && first === 'sh' && second === '-c') return ['CMD-SHELL', literal(script!)];
      return ['CMD', ...probe.command.map(literal)];
    }
    case 'http': {
      // 127.0.0.1, not localhost: some images resolve localhost to ::1 while the app listens on IPv4 only.
      const url = shellQuote(`http://127.0.0.1:${probe.port}${probe.path.startsWith('/') ? '' : '/'}${probe.path}`);
      // A GET, not wget --spider (a HEAD request many frameworks answer with 405).
      return ['CMD-SHELL', literal(`curl -fsS -o /dev/null ${url} || wget -q -O /dev/null ${url}`)];
    }
    case 'tcp':
      return ['CMD-SHELL', `nc -z 127.0.0.1 ${probe.port} || bash -c ': </dev/tcp/127.0.0.1/${probe.port}'`];
  }
}
