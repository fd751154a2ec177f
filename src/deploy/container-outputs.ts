// `${resources.<name>.<output>}` of a container resource, decided once for every target: `host` is
// where the platform runs the container (the one thing each address book spells: a Compose service
// name, a Kubernetes Service name), `port` its port, a template output those two in its text, and a
// `{ secret: true }` output the secret `<NAME>_<OUTPUT>`. Where the resource is `external`, every
// output, `host` and `port` too, is read from that secret: stackc knows nothing of the server.
import { containerOutputSecret } from '../model/resource-types.js';
import type { Resource } from '../model/stack.js';
import type { ValuePart } from './references.js';

const text = (t: string): ValuePart => ({ kind: 'text', text: t });

/** The output's value, with `host` as the platform spells the container's host. */
export function containerOutput(resource: Resource, key: string, host: ValuePart[]): ValuePart[] {
  const secret: ValuePart = { kind: 'secret', name: containerOutputSecret(resource.name, key), resource: resource.name };
  if (resource.external) return [secret];
  if (key === 'host') return host;
  if (key === 'port') return [text(String(resource.port))];
  const output = resource.container?.outputs.find((o) => o.name === key);
  if (!output || output.kind === 'secret') return [secret];
  return output.parts.flatMap((p) => (p.kind === 'text' ? [text(p.text)] : p.kind === 'host' ? host : [text(String(resource.port))]));
}

/** Whether the output is (or is read from) a secret: a `{ secret: true }` output, or any output of an external one. */
export function isSecretContainerOutput(resource: Resource, key: string): boolean {
  if (resource.external) return true;
  return resource.container?.outputs.some((o) => o.name === key && o.kind === 'secret') ?? false;
}

/** The secrets a container resource's outputs are read from in this environment, in declaration order. */
export function containerOutputSecrets(resource: Resource): { output: string; secret: string }[] {
  const keys = resource.external ? ['host', 'port', ...(resource.container?.outputs.map((o) => o.name) ?? [])] : (resource.container?.outputs.filter((o) => o.kind === 'secret').map((o) => o.name) ?? []);
  return keys.map((output) => ({ output, secret: containerOutputSecret(resource.name, output) }));
}
