// The one resolver of `${services.*}` and `${resources.*}` in env values. It walks a template once
// and decides what every platform agrees on: a service's port is its main port, its URL is
// `http://<host>:<main port>`, its public URL is its endpoint's URL, a service the target does not
// run cannot be reached through the target's network (one warning, worded once). A target supplies
// only its platform's address book: how a backing service's details and a service's host are
// spelled there, and what it writes where the shared answer does not exist.
import type { Report } from '../diagnostics/problem.js';
import type { DataPath } from '../model/stack.js';
import type { Reference, Template } from '../model/template.js';
import type { DeployedEnvironment, DeployedResource, DeployedService, Endpoint } from './model.js';

/** A piece of a resolved value, for the target's renderer. */
export type ValuePart =
  /** A plain value (from stack.yaml, or a host name or port): the renderer escapes it for its syntax. */
  | { kind: 'text'; text: string }
  /** Already in the platform's own syntax (`${{Postgres.DATABASE_URL}}`, `${DB_USER:-app}`): written as is. */
  | { kind: 'expression'; text: string }
  /** A key of the platform's secret store (a resource's password, an external resource's URL). */
  | { kind: 'secret'; name: string; resource?: string }
  /** Nothing in the platform can say it: the user sets the whole variable. `about` says what it holds. */
  | { kind: 'unresolved'; about: string; resource?: string };

/** Where a reference is read: the service and its env variable, in one environment. */
export interface ReferenceSite {
  environment: DeployedEnvironment;
  reader: DeployedService;
  variable: string;
  /** The env value's node in stack.yaml. */
  path: DataPath;
}

/** What a reference asks of a service: its address (`host`, `port`, `url`) or its public URL. */
export type ServiceKey = 'host' | 'port' | 'url' | 'public_url';

/** What a target answers when a service it does not run is asked for. */
export interface NotRunAnswer {
  parts: ValuePart[];
  /** What happens instead, ending the shared warning: `Compose reads it from the variable API_HOST`. */
  consequence: string;
  hint: string;
  /** Defaults to `warning`. */
  severity?: 'warning' | 'info';
}

export interface AddressBook {
  /** The target, for the shared warning's code (`<target>/service-not-deployed`) and wording. */
  target: string;
  /** How the shared warning names the target: `the kubernetes target`, `Compose`. */
  title: string;
  /** Whether the target runs this service in the environment. */
  runs(service: DeployedService): boolean;
  /**
   * The kinds of service the platform runs (its capabilities' `runs.services`). When it runs static
   * sites, one it does not run is left out by the target's filter, and the shared warning says so;
   * without it, a static site is taken to be a kind the target does not run.
   */
  kinds?: readonly ('container' | 'static')[];
  /** `${resources.<name>.<key>}`, external resources included (the loader allows only `url` for those). */
  resource(resource: DeployedResource, key: string, site: ReferenceSite): ValuePart[];
  /** The host other services reach a service this target runs at. */
  serviceHost(service: DeployedService, site: ReferenceSite): ValuePart[];
  /** The port they reach it at; default: its main port. */
  servicePort?(service: DeployedService, site: ReferenceSite): number;
  /**
   * A service the target does not run: its `host`, `port` or `url`, or its `public_url` where it has
   * no routable address (public in an environment without a domain, so only a platform that runs it
   * could give it one).
   */
  notRun(service: DeployedService, key: ServiceKey, site: ReferenceSite): NotRunAnswer;
  /**
   * The public URL of a service: `endpoint` is its public address here, if it has one. Return
   * `undefined` to take the shared answer: the endpoint's URL when it is routable.
   */
  publicUrl?(service: DeployedService, endpoint: Endpoint | undefined, site: ReferenceSite): ValuePart[] | undefined;
  /** A public URL of a service the target runs that has none of its own here, or of one not public here (the model warns). */
  noPublicUrl(service: DeployedService, site: ReferenceSite): ValuePart[];
}

const text = (t: string): ValuePart => ({ kind: 'text', text: t });

/** A template resolved to parts, adjacent plain text merged. */
export function resolveTemplate(template: Template, book: AddressBook, site: ReferenceSite, report: Report): ValuePart[] {
  const out: ValuePart[] = [];
  for (const part of template.parts) {
    for (const p of typeof part === 'string' ? [text(part)] : resolveReference(part, book, site, report)) {
      const last = out.at(-1);
      if (p.kind === 'text' && last?.kind === 'text') out[out.length - 1] = text(last.text + p.text);
      else if (p.kind !== 'text' || p.text !== '') out.push(p);
    }
  }
  return out;
}

export function resolveReference(ref: Reference, book: AddressBook, site: ReferenceSite, report: Report): ValuePart[] {
  if (ref.root === 'resources') {
    const resource = site.environment.resource(ref.name);
    if (resource) return book.resource(resource, ref.key, site);
  } else if (ref.root === 'services') {
    const service = site.environment.service(ref.name);
    if (service) return ref.key === 'public_url' ? publicUrl(service, ref, book, site, report) : serviceAddress(service, ref, book, site, report);
  }
  // The loader rejects anything else (and resolves `${environment.*}`): keep the text, invent nothing.
  return [text(ref.text)];
}

function publicUrl(service: DeployedService, ref: Reference, book: AddressBook, site: ReferenceSite, report: Report): ValuePart[] {
  const endpoint = service.endpoints[0];
  const own = book.publicUrl?.(service, endpoint, site);
  if (own) return own;
  if (endpoint?.routable) return [text(endpoint.url)];
  // Public, but on no domain: only the platform that runs it gives it an address, and it is not this one.
  if (endpoint && !book.runs(service)) {
    return notRun(service, ref, book, site, report, (why) => `environment \`${site.environment.name}\` has no domain and \`${service.name}\` ${why}, so it has no public address here`);
  }
  return book.noPublicUrl(service, site);
}

/** What the target writes for a service it does not run, with the shared warning ending in the target's consequence. */
function notRun(service: DeployedService, ref: Reference, book: AddressBook, site: ReferenceSite, report: Report, because: (why: string) => string): ValuePart[] {
  const answer = book.notRun(service, ref.key as ServiceKey, site);
  const why = service.kind === 'static' && !book.kinds?.includes('static') ? `is a static site, which ${book.title} does not run` : `is not among the services ${book.title} runs`;
  report({
    severity: answer.severity ?? 'warning',
    code: `${book.target}/service-not-deployed`,
    message: `\`${site.variable}\` of \`${site.reader.name}\` refers to \`${ref.text}\`, but ${because(why)}; ${answer.consequence}`,
    path: site.path,
    hint: answer.hint,
  });
  return answer.parts;
}

function serviceAddress(service: DeployedService, ref: Reference, book: AddressBook, site: ReferenceSite, report: Report): ValuePart[] {
  const key = ref.key as ServiceKey;
  if (!book.runs(service)) return notRun(service, ref, book, site, report, (why) => `\`${service.name}\` ${why}`);
  const port = String(book.servicePort?.(service, site) ?? service.mainPort ?? 80);
  if (key === 'port') return [text(port)];
  const host = book.serviceHost(service, site);
  if (key === 'host') return host;
  return [text('http://'), ...host, text(`:${port}`)];
}

/** Whether every part is plain text, and the text. */
export function plainText(parts: readonly ValuePart[]): string | undefined {
  return parts.every((p) => p.kind === 'text') ? parts.map((p) => (p as { text: string }).text).join('') : undefined;
}
