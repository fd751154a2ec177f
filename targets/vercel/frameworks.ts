// What stackc knows about each `static.framework` on Vercel: the framework preset's slug (from
// vercel/vercel packages/frameworks; the test checks every slug against @vercel/config's Framework
// type), whether client-side routing needs an index.html fallback, where content-hashed files go,
// which variables the framework builds into the browser bundle, and what the default CSP must allow.

export interface FrameworkInfo {
  /** Vercel's framework preset; `null` is "Other" (a plain static site). */
  slug: string | null;
  /** A single-page app: unknown paths must serve index.html so client-side routes load. */
  spa: boolean;
  /** Output directories (below the site root) whose files have content hashes in their names. */
  hashedAssets: readonly string[];
  /** Variables with this prefix are inlined into the JavaScript sent to browsers. */
  publicPrefix?: string;
  /** The framework's HTML has inline scripts (hydration data, runtime chunks, onload handlers). */
  inlineScripts: boolean;
  /** The framework can produce Vercel Functions (server rendering, API routes), which `regions` places. */
  functions: boolean;
}

export const FRAMEWORKS = {
  vite: { slug: 'vite', spa: true, hashedAssets: ['assets'], publicPrefix: 'VITE_', inlineScripts: false, functions: false },
  nextjs: { slug: 'nextjs', spa: false, hashedAssets: [], publicPrefix: 'NEXT_PUBLIC_', inlineScripts: true, functions: true },
  nuxtjs: { slug: 'nuxtjs', spa: false, hashedAssets: [], publicPrefix: 'NUXT_PUBLIC_', inlineScripts: true, functions: true },
  sveltekit: { slug: 'sveltekit-1', spa: false, hashedAssets: [], publicPrefix: 'PUBLIC_', inlineScripts: true, functions: true },
  astro: { slug: 'astro', spa: false, hashedAssets: ['_astro'], publicPrefix: 'PUBLIC_', inlineScripts: true, functions: true },
  remix: { slug: 'remix', spa: false, hashedAssets: [], inlineScripts: true, functions: true },
  gatsby: { slug: 'gatsby', spa: false, hashedAssets: [], publicPrefix: 'GATSBY_', inlineScripts: true, functions: true },
  angular: { slug: 'angular', spa: true, hashedAssets: [], inlineScripts: true, functions: false },
  'create-react-app': { slug: 'create-react-app', spa: true, hashedAssets: ['static'], publicPrefix: 'REACT_APP_', inlineScripts: true, functions: false },
  vue: { slug: 'vue', spa: true, hashedAssets: ['js', 'css', 'img', 'fonts', 'media'], publicPrefix: 'VUE_APP_', inlineScripts: false, functions: false },
  static: { slug: null, spa: false, hashedAssets: [], inlineScripts: false, functions: false },
} as const satisfies Record<string, FrameworkInfo>;

export type FrameworkName = keyof typeof FRAMEWORKS;

/** A site without `framework`: Vercel detects the preset; stackc assumes nothing about routing or assets. */
const UNKNOWN: FrameworkInfo = { slug: null, spa: false, hashedAssets: [], inlineScripts: true, functions: true };

export const frameworkInfo = (name: string | undefined): FrameworkInfo =>
  name !== undefined && name in FRAMEWORKS ? FRAMEWORKS[name as FrameworkName] : UNKNOWN;
