// Where the vercel target's files land (paths are rebased with src/emit/paths.ts).

/** The per-site page with the Vercel project settings that vercel.json cannot hold. */
export const setupPage = (service: string): string => `deploy/vercel/${service}.md`;
