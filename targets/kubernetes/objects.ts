// The shape of what this target renders: plain Kubernetes objects plus where they are filed.
// Objects are plain data (serialized once by toYaml); only the fields stackc writes are typed.
import type { ArtifactFacts } from '../../src/emit/target.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** One object as the layout files it: one object per file, named after its kind and name. */
export interface Rendered {
  object: K8sObject;
  /** Comment lines written under the header: what Kubernetes could not express, and why. */
  notes: string[];
  /** What the object deploys: its file's facts. */
  facts: Required<Omit<ArtifactFacts, 'names'>>;
  /** Its file when not `fileName(object)`: a content-addressed name would rename the file at every change. */
  file?: string;
}

/** Short, reviewer-friendly file prefixes; every kind this target emits has one. */
const FILE_PREFIX: Record<string, string> = {
  Namespace: 'namespace',
  ServiceAccount: 'serviceaccount',
  Role: 'role',
  RoleBinding: 'rolebinding',
  ConfigMap: 'configmap',
  PersistentVolumeClaim: 'pvc',
  Deployment: 'deployment',
  Job: 'job',
  CronJob: 'cronjob',
  StatefulSet: 'statefulset',
  Service: 'service',
  Ingress: 'ingress',
  PodDisruptionBudget: 'pdb',
  HorizontalPodAutoscaler: 'hpa',
  NetworkPolicy: 'networkpolicy',
};

/**
 * `deployment-api.yaml`: kind and name are unique in a namespace, so file names are too. A Job is
 * filed under its service (`job-migrate.yaml`), since its name changes with its spec (jobs.ts).
 */
export function fileName(object: K8sObject): string {
  const prefix = FILE_PREFIX[object.kind];
  if (!prefix) throw new Error(`kubernetes target: no file prefix for kind ${object.kind}`);
  const name = object.kind === 'Job' ? object.metadata.labels?.['app.kubernetes.io/name'] : object.metadata.name;
  return `${prefix}-${name}.yaml`;
}

/** An object with its notes, deploying `facts` (the services it belongs to, images it runs, Secret keys it reads). */
export const rendered = (object: K8sObject, notes: string[] = [], facts: ArtifactFacts = {}): Rendered => ({
  object,
  notes,
  facts: { services: facts.services ?? [], images: facts.images ?? [], secrets: facts.secrets ?? [] },
});
