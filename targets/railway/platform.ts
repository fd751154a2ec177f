// How Railway treats a few settings, decided once for railway.json and for the capability gaps that
// describe it (capabilities.ts imports this file, so it imports no emitter code).
import { seconds } from '../../src/emit/text.js';
import type { DeployedService } from '../../src/deploy/model.js';
import type { Healthcheck, Service } from '../../src/model/stack.js';

/**
 * `healthcheckTimeout`: how long a new deployment may take to become healthy, the start period and
 * every retry (Railway checks only while a deployment goes live).
 */
export const healthcheckTimeout = (h: Healthcheck): number => seconds(h.startPeriodMs + h.retries * h.intervalMs);

/** The replicas the stack asks for: a fixed count, autoscale's minimum (Railway does not add replicas under load). */
export const replicaCount = (service: Service): number => service.autoscale?.min ?? service.replicas;

/**
 * `numReplicas`: the replicas asked for, but 1 for a service with a volume, which Railway runs as a
 * single replica (https://docs.railway.com/reference/volumes, caveats); railway/volume-replicas
 * reports it.
 */
export const railwayReplicas = (service: Service): number => (service.volumes.some((v) => v.kind === 'named') ? 1 : replicaCount(service));

/**
 * Whether Railway can run the service's healthcheck: an http probe on the port Railway sets `PORT` to
 * (the served port). Railway requests the path on PORT only; a probe elsewhere, or on a service with
 * no port, would keep every deployment from turning healthy.
 * https://docs.railway.com/guides/healthchecks
 */
export const railwayChecks = (service: DeployedService): boolean =>
  service.healthcheck?.probe?.kind === 'http' && service.servedPort !== undefined && service.healthcheck.probe.port === service.servedPort;
