// How Railway treats a few settings, decided once for railway.json and for the capability gaps that
// describe it (capabilities.ts imports this file, so it imports no emitter code).
import { seconds } from '../../src/emit/text.js';
import type { Healthcheck, Service } from '../../src/model/stack.js';

/**
 * `healthcheckTimeout`: how long a new deployment may take to become healthy, the start period and
 * every retry (Railway checks only while a deployment goes live).
 */
export const healthcheckTimeout = (h: Healthcheck): number => seconds(h.startPeriodMs + h.retries * h.intervalMs);

/** `numReplicas`: a fixed count, autoscale's minimum (Railway does not add replicas under load). */
export const replicaCount = (service: Service): number => service.autoscale?.min ?? service.replicas;
