// Kubernetes-style quantities and stackc durations in the spellings Compose accepts.


/** `500m` → 0.5, `2` → 2, `1.5` → 1.5: Compose's `cpus` is a number of cores. */
export function cpus(quantity: string): number {
  if (quantity.endsWith('m')) return Number(quantity.slice(0, -1)) / 1000;
  return Number(quantity);
}

const FACTORS: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50,
};

/**
 * A byte quantity (`512Mi`, `1Gi`, `10G`) → Compose memory. Docker reads `k`/`m`/`g` as powers of
 * 1024, so Kubernetes' decimal `M`/`G` cannot be copied: the exact byte count is written in the
 * largest binary unit that divides it (`512Mi` → `512m`, `10G` → `9765625k`, `1.1G` → `1100000000b`).
 */
export function memory(quantity: string): string {
  const match = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(quantity);
  if (!match) return quantity;
  const bytes = Math.round(Number(match[1]) * FACTORS[match[2] ?? '']!);
  for (const [unit, size] of [['t', 2 ** 40], ['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const) {
    if (bytes % size === 0 && bytes >= size) return `${bytes / size}${unit}`;
  }
  return `${bytes}b`;
}
