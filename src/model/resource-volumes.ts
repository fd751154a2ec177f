// The volumes stackc creates for a backing service's data, by the names the platforms give them:
// Compose's named volume `<resource>-data`, and the claims of a Kubernetes StatefulSet's `data`
// template, `data-<resource>-<ordinal>`. One place, so that the Compose target names its volume
// from here and the loader refuses a service volume that would silently share one of them.

/** The Compose named volume that holds a backing service's data. */
export const composeDataVolume = (resource: string): string => `${resource}-data`;

/** The backing service whose generated volume a volume name would be, if any. */
export function resourceOwningVolume(volume: string, resources: readonly string[]): string | undefined {
  const claim = (r: string) => volume.startsWith(`data-${r}-`) && /^[0-9]+$/.test(volume.slice(`data-${r}-`.length));
  return resources.find((r) => volume === composeDataVolume(r) || claim(r));
}
