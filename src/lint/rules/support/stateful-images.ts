// Images of well-known data stores, and where they keep their data. Shared by stateful-storage
// (which wants a volume for them) and production-replicas (which does not ask to replicate them).
import type { ResourceType } from '../../../model/resource-types.js';
import { imageBaseName, parseImageReference } from '../../../vocabulary/image-reference.js';

export interface StatefulImage {
  /** What it is, for messages: `postgres`. */
  name: string;
  /** Where the official image keeps its data. */
  dataPath: string;
  /** The stackc resource type that replaces it, when there is one. */
  resource?: ResourceType;
  /** For an image without a type of its own that a `type: container` resource runs: the port services connect to. */
  containerPort?: number;
}

// Images that keep data on their own disk, by repository name (the last path component, so
// `bitnami/postgresql` and `docker.io/library/postgres` both match). Caches (redis, memcached) are
// left out: running one without a volume is usually the point.
const STATEFUL: Record<string, StatefulImage> = {};
const add = (names: string[], info: StatefulImage) => names.forEach((n) => (STATEFUL[n] = info));
add(['postgres', 'postgresql', 'postgis', 'timescaledb', 'timescaledb-ha'], { name: 'postgres', dataPath: '/var/lib/postgresql/data', resource: 'postgres' });
add(['mysql', 'percona', 'percona-server'], { name: 'mysql', dataPath: '/var/lib/mysql', resource: 'mysql' });
add(['mariadb'], { name: 'mariadb', dataPath: '/var/lib/mysql', resource: 'mariadb' });
add(['mongo', 'mongodb', 'mongodb-community-server'], { name: 'mongodb', dataPath: '/data/db', resource: 'mongodb' });
add(['rabbitmq'], { name: 'rabbitmq', dataPath: '/var/lib/rabbitmq', resource: 'rabbitmq' });
add(['elasticsearch'], { name: 'elasticsearch', dataPath: '/usr/share/elasticsearch/data', containerPort: 9200 });
add(['opensearch'], { name: 'opensearch', dataPath: '/usr/share/opensearch/data', containerPort: 9200 });
add(['minio'], { name: 'minio', dataPath: '/data', resource: 's3' });
add(['seaweedfs'], { name: 'seaweedfs', dataPath: '/data', resource: 's3' });
add(['clickhouse-server', 'clickhouse'], { name: 'clickhouse', dataPath: '/var/lib/clickhouse' });
add(['cassandra'], { name: 'cassandra', dataPath: '/var/lib/cassandra' });
add(['neo4j'], { name: 'neo4j', dataPath: '/data' });
add(['influxdb'], { name: 'influxdb', dataPath: '/var/lib/influxdb2' });
add(['couchdb'], { name: 'couchdb', dataPath: '/opt/couchdb/data' });

/** The database (or other data store) an image reference runs, if it is a well-known one. */
export function statefulImage(image: string): StatefulImage | undefined {
  const repo = imageBaseName(parseImageReference(image)).toLowerCase();
  return Object.hasOwn(STATEFUL, repo) ? STATEFUL[repo] : undefined;
}
