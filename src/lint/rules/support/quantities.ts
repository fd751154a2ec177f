// Kubernetes resource quantities as numbers: memory in bytes (`512Mi`, `1G`, `1048576`), CPU in
// cores (`500m`, `2`). Shared by resource-limits and resource-bounds.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** Bytes of a Kubernetes memory quantity (`512Mi`, `1G`, `1048576`), or `undefined` if it is not one. */
export function parseBytes(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? BINARY[m[2]] ?? DECIMAL[m[2]]! : 1);
}

/** Cores of a CPU quantity (`500m` → 0.5, `2` → 2), or `undefined` if it is not one. */
export function parseCores(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m)?$/.exec(text);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

/** A Kubernetes quantity as a number (cores, or bytes), or undefined when it does not parse. */
export const quantity = (kind: 'cpu' | 'memory', text: string): number | undefined => (kind === 'cpu' ? parseCores(text) : parseBytes(text));
