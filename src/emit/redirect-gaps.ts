// What a target says about the redirects (`public.redirects`) its platform cannot serve: at each
// redirect's line, worded once for every target, so that no redirect is dropped without a word.
import type { Redirect } from '../deploy/model.js';
import type { Gap } from './capabilities.js';

/** How notes and messages name a redirect: `old.example → https://shop.example (308)`. */
export const redirectText = (r: Redirect): string => `${r.from} → ${r.to.url} (${r.status})`;

/**
 * The redirects a platform has no setting for: `why` says why, `hint` what to do instead. Only
 * routable redirects are reported: one from `localhost` (an environment without a domain) leads
 * nowhere on any platform.
 */
export function redirectsNotExpressible(spec: Pick<Gap, 'code' | 'summary'> & { title: string; why: string; hint: string }): Gap {
  return {
    code: spec.code,
    setting: 'public.redirects',
    support: 'dropped',
    severity: 'warning',
    summary: spec.summary,
    service: (service) =>
      service.redirects
        .filter((r) => r.routable)
        .map((r) => ({
          message: `${spec.title} cannot redirect \`${r.from}\` to \`${service.name}\` (${r.to.url}): ${spec.why}; the redirect is left out`,
          path: r.at,
          hint: spec.hint,
          note: `redirect ${redirectText(r)}: not expressible (${spec.why})`,
        })),
  };
}
