// How references are spelled in a compose file, for the shared resolver (src/deploy/references.ts,
// which decides ports, URLs and public URLs): a host is the Compose service name, credentials are
// interpolations of the env file, and what Compose cannot know (a service it does not run, a public
// URL it does not serve) is a variable of the env file the user sets.
import type { DeployedEnvironment, DeployedResource, DeployedService } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import { containerOutput } from '../../src/deploy/container-outputs.js';
import type { AddressBook, ValuePart } from '../../src/deploy/references.js';
import type { Report } from '../../src/diagnostics/problem.js';
import { connectionUrl, s3Setting } from '../../src/emit/emit-helpers.js';
import { envPrefix } from '../../src/model/dns-label.js';
import { credentials, externalUrl } from './credentials.js';
import { publishedUrl, type PortPlan } from './ports.js';
import type { Variables } from './variables.js';

/** What the book reads of the file being written. */
export interface BookContext {
  environment: DeployedEnvironment;
  plan: TargetPlan;
  ports: PortPlan;
  /** Every credential and stand-in it spells is recorded here, for `.env.example`. */
  vars: Variables;
  report: Report;
}

const text = (t: string): ValuePart => ({ kind: 'text', text: t });
/** An interpolation of the env file, already in Compose's syntax. */
const interpolation = (t: string): ValuePart => ({ kind: 'expression', text: t });

export function composeAddressBook(file: BookContext): AddressBook {
  const { environment, plan, ports, vars } = file;
  return {
    target: 'compose',
    title: 'Compose',
    runs: (service) => plan.runs(environment.name, service.name),
    resource: (resource, key, site) => resourceAddress(resource, key, vars, site.reader.name),
    serviceHost: (service) => [text(service.name)],
    notRun(service, key, site) {
      if (key === 'public_url') {
        const { variable, guess } = publicUrlVariable(service);
        return {
          parts: [interpolation(vars.optional(variable, guess, 'other', `Public URL of \`${service.name}\`, which Compose does not serve (read by \`${site.variable}\`).`, site.reader.name))],
          consequence: `Compose reads it from the variable ${variable} (default ${guess})`,
          hint: `set ${variable} in the env file to where ${service.name} is served`,
          severity: 'info',
        };
      }
      const name = `${envPrefix(service.name)}_${key.toUpperCase()}`;
      return {
        parts: [interpolation(vars.required(name, 'other', `The ${key} of \`${service.name}\`, which Compose does not run (read by \`${site.variable}\`).`, site.reader.name))],
        consequence: `Compose reads it from the variable ${name}`,
        hint: `set ${name} in the env file to where ${service.name} runs`,
      };
    },
    // Where there is no routable address, a public service Compose runs is reached at its published port.
    publicUrl(service, endpoint) {
      if (!endpoint || endpoint.routable || !plan.runs(environment.name, service.name)) return undefined;
      const published = ports.services.get(service.name)?.hostPort(endpoint.port);
      return published === undefined ? undefined : [text(publishedUrl(published, endpoint))];
    },
    noPublicUrl(service, site) {
      const { variable, guess } = publicUrlVariable(service);
      file.report({
        severity: 'info',
        code: 'compose/public-url',
        message: `\`${site.variable}\` of \`${site.reader.name}\` refers to the public URL of \`${service.name}\`, which Compose does not publish; it reads ${variable} (default ${guess})`,
        path: site.path,
        hint: `set ${variable} in the env file to where ${service.name} is served during development`,
      });
      return [interpolation(vars.optional(variable, guess, 'other', `Public URL of \`${service.name}\`, which Compose does not serve (read by \`${site.variable}\`).`, site.reader.name))];
    },
  };
}

/** The env-file variable a public URL Compose does not know is read from, with its best guess. */
function publicUrlVariable(service: DeployedService): { variable: string; guess: string } {
  const endpoint = service.endpoints[0];
  return { variable: `${envPrefix(service.name)}_PUBLIC_URL`, guess: endpoint ? `http://${endpoint.address}` : 'http://localhost' };
}

/** An s3 bucket: its settings, its server's name and port where Compose runs it, the keys from the env file. */
function bucketAddress(resource: DeployedResource, key: string, vars: Variables, reader: string): ValuePart[] {
  const setting = s3Setting(resource, key, [text(resource.name)]);
  if (setting) return setting;
  const keys = credentials(resource, vars, reader)!;
  return [interpolation(key === 'access_key' ? keys.user : keys.password)];
}

/** A container resource's output (src/deploy/container-outputs.ts): its host is its service name, its secrets come from the env file. */
function containerAddress(resource: DeployedResource, key: string, vars: Variables, reader: string): ValuePart[] {
  const of = resource.external ? `the external container resource \`${resource.name}\`` : `the container resource \`${resource.name}\``;
  return containerOutput(resource, key, [text(resource.name)]).map((p) => (p.kind === 'secret' ? interpolation(vars.secret(p.name, 'resource', `\`${key}\` of ${of}.`, reader)) : p));
}

/** `${resources.<name>.<key>}`: the container's name and port, credentials from the env file. */
function resourceAddress(resource: DeployedResource, key: string, vars: Variables, reader: string): ValuePart[] {
  if (resource.type === 's3') return bucketAddress(resource, key, vars, reader);
  if (resource.type === 'container') return containerAddress(resource, key, vars, reader);
  // The loader allows only `url` for a resource that is external in this environment.
  if (resource.external) return [interpolation(externalUrl(resource, vars, reader))];
  const port = String(resource.port);
  const database = resource.database ?? '';
  switch (key) {
    case 'host':
      return [text(resource.name)];
    case 'port':
      return [text(port)];
    case 'database':
      return [text(database)];
    case 'user':
      return [interpolation(credentials(resource, vars, reader)!.user)];
    case 'password':
      return [interpolation(credentials(resource, vars, reader)!.password)];
    default: {
      const c = credentials(resource, vars, reader) ?? { user: '', password: '' };
      return connectionUrl(resource, { host: [text(resource.name)], port: [text(port)], user: [interpolation(c.user)], password: [interpolation(c.password)], database: [text(database)] });
    }
  }
}
