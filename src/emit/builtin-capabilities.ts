// What each built-in target can express, read from the targets' side-effect-free capabilities
// modules: lint and the graph learn what a target runs and cannot express without loading its
// emitter (a pre-commit `stackc lint` stays fast).
import compose from '../../targets/compose/capabilities.js';
import fly from '../../targets/fly/capabilities.js';
import githubActions from '../../targets/github-actions/capabilities.js';
import kubernetes from '../../targets/kubernetes/capabilities.js';
import railway from '../../targets/railway/capabilities.js';
import vercel from '../../targets/vercel/capabilities.js';
import type { Capabilities } from './capabilities.js';

export const BUILTIN_CAPABILITIES: Readonly<Record<string, Capabilities>> = { compose, kubernetes, fly, railway, vercel, 'github-actions': githubActions };
