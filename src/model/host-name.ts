// What a public host may be, after `${environment.*}` is resolved: a DNS name as Kubernetes takes it
// for an Ingress rule (a DNS-1123 subdomain: lower-case labels of letters, digits and `-`, each at
// most 63 characters, 253 in all; not an IP address), optionally a wildcard whose `*` is the whole
// first label (`*.shop.example`), as Ingress and certificates allow. Every platform's custom domain
// is such a name, so one check serves them all.
// https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;

export interface HostNameProblem {
  /** What is wrong, as the end of "`x` is not a valid host name: …". */
  problem: string;
  /** The nearest valid host name, when there is one. */
  suggestion?: string;
}

/** Why a host name cannot be served, or `undefined` when it can. */
export function hostNameProblem(host: string): HostNameProblem | undefined {
  const problem = firstProblem(host);
  if (!problem) return undefined;
  const suggestion = nearestHostName(host);
  return { problem, ...(suggestion && suggestion !== host && !firstProblem(suggestion) ? { suggestion } : {}) };
}

function firstProblem(host: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return 'it has a scheme; a host is the name alone (stackc serves it over https where the platform has a certificate)';
  if (host.includes('/')) return 'it has a path; the path goes in `public.path`';
  if (host.includes(':')) return /:[0-9]*$/.test(host) ? 'it has a port; the platforms serve a host on 80 and 443, and `public.port` says which container port receives the traffic' : 'it has a `:`; an IPv6 address is not a host name';
  if (IPV4.test(host)) return 'it is an IP address; an Ingress rule and a certificate need a DNS name';
  if (host.length > 253) return `it is ${host.length} characters long; a DNS name has at most 253`;
  if (host !== host.toLowerCase()) return 'it has upper-case letters; Kubernetes takes host names in lower case only';
  if (host.endsWith('.')) return 'it ends with `.`; write it without the final dot';
  const labels = host.split('.');
  const wildcards = labels.filter((l) => l.includes('*'));
  if (wildcards.length > 0 && (labels[0] !== '*' || wildcards.length > 1)) return 'a wildcard `*` may only be the whole first label, as in `*.shop.example`';
  if (host === '*') return 'a wildcard needs a domain after it, as in `*.shop.example`';
  const bad = labels.slice(labels[0] === '*' ? 1 : 0).find((l) => !LABEL.test(l) || l.length > 63);
  if (bad === undefined) return undefined;
  if (bad === '') return 'it has an empty label (`..`, or a `.` at the start)';
  if (bad.length > 63) return `its label \`${bad.slice(0, 20)}…\` is ${bad.length} characters long; a DNS label has at most 63`;
  return `its label \`${bad}\` is not a DNS label: lower-case letters, digits and \`-\`, starting and ending with a letter or digit`;
}

/** The host as it was probably meant: no scheme, port or path, lower case, `_` and other signs as `-`. */
function nearestHostName(text: string): string | undefined {
  const bare = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '').replace(/:[0-9]*$/, '').replace(/\.$/, '').toLowerCase();
  const labels = bare.split('.').map((l, i) => (i === 0 && l === '*' ? l : l.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')));
  const host = labels.filter((l) => l !== '').join('.');
  return host || undefined;
}
