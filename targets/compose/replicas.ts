// How many containers Compose runs for a service. Compose has no autoscaler, so an autoscaled
// service runs its minimum (the compose/autoscale gap says so where it applies).
import type { Service } from '../../src/model/stack.js';

export const replicasOf = (service: Service): number => service.autoscale?.min ?? service.replicas;
