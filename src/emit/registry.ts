// Built-in targets. Plugin targets join them at build time (see plugins.ts).
import compose from '../../targets/compose/index.js';
import fly from '../../targets/fly/index.js';
import githubActions from '../../targets/github-actions/index.js';
import kubernetes from '../../targets/kubernetes/index.js';
import railway from '../../targets/railway/index.js';
import vercel from '../../targets/vercel/index.js';
import type { Target } from './target.js';

export const BUILTIN_TARGETS: readonly Target[] = [compose, kubernetes, fly, railway, vercel, githubActions];
