// The credentials of backing services, decided once for every target: what `${resources.x.url}`
// looks like per type (src/emit/emit-helpers.ts), which keys a type offers, and who the superuser
// and the application user are where stackc creates an application user (src/emit/app-user.ts).
import { describe, expect, it } from 'vitest';
import { adminResourceUser, appUserScript } from '../src/emit/app-user.js';
import { connectionUrl, resourceSecretNames } from '../src/emit/emit-helpers.js';
import { resourceOutputs, RESOURCE_TYPES, type ResourceType } from '../src/model/resource-types.js';
import type { Resource } from '../src/model/stack.js';
import type { ValuePart } from '../src/deploy/references.js';

const resource = (type: ResourceType, database?: string): Resource => ({ name: 'db', type, ...(database ? { database } : {}) }) as Resource;
const text = (t: string): ValuePart[] => [{ kind: 'text', text: t }];
const secret: ValuePart[] = [{ kind: 'secret', name: 'DB_PASSWORD' }];
const url = (type: ResourceType) =>
  connectionUrl(resource(type, 'shop'), { host: text('db'), port: text('1'), user: text('app'), password: secret, database: text('shop') })
    .map((p) => (p.kind === 'secret' ? `<${p.name}>` : (p as { text: string }).text))
    .join('');

describe('connection URLs', () => {
  it('carries a password for every type but s3 (a bucket has keys, not a URL) and container (its outputs are its own); redis has no user name, mongodb authenticates against admin', () => {
    expect(Object.fromEntries(RESOURCE_TYPES.filter((t) => t !== 's3' && t !== 'container').map((t) => [t, url(t)]))).toEqual({
      postgres: 'postgresql://app:<DB_PASSWORD>@db:1/shop',
      mysql: 'mysql://app:<DB_PASSWORD>@db:1/shop',
      mariadb: 'mysql://app:<DB_PASSWORD>@db:1/shop',
      mongodb: 'mongodb://app:<DB_PASSWORD>@db:1/shop?authSource=admin',
      redis: 'redis://:<DB_PASSWORD>@db:1',
      rabbitmq: 'amqp://app:<DB_PASSWORD>@db:1',
    });
  });

  it('offers `${resources.cache.password}` for redis, and no user', () => {
    expect(resourceOutputs('redis')).toEqual(['url', 'host', 'port', 'password']);
    expect(resourceOutputs('postgres')).toEqual(['url', 'host', 'port', 'user', 'password', 'database']);
  });
});

describe('the application user (postgres, mongodb)', () => {
  it('names the superuser after the image, never the same as the application user', () => {
    expect(adminResourceUser(resource('postgres', 'shop'))).toBe('postgres');
    expect(adminResourceUser(resource('postgres', 'postgres'))).toBe('postgres_admin');
    expect(adminResourceUser(resource('mongodb', 'shop'))).toBe('root');
    expect(adminResourceUser(resource('mysql', 'shop'))).toBeUndefined();
    expect(adminResourceUser(resource('redis'))).toBeUndefined();
    expect(resourceSecretNames(resource('postgres'))).toEqual({ user: 'DB_USER', password: 'DB_PASSWORD', adminPassword: 'DB_ADMIN_PASSWORD', url: 'DB_URL', accessKey: 'DB_ACCESS_KEY', secretKey: 'DB_SECRET_KEY' });
  });

  it('creates it with a script that reads names and password from the environment and holds none', () => {
    const pg = appUserScript(resource('postgres'))!;
    expect(pg.file).toBe('stackc-app-user.sql');
    expect(pg.content).toMatch(/^\\set app_password `printf '%s' "\$APP_PASSWORD"`$/m);
    expect(pg.content).toMatch(/^CREATE ROLE :"app_user" LOGIN;$/m);
    expect(pg.content).toMatch(/^ALTER DATABASE :"app_database" OWNER TO :"app_user";$/m);
    expect(pg.content).not.toMatch(/SUPERUSER|CREATEROLE/);
    const mongo = appUserScript(resource('mongodb'))!;
    expect(mongo.file).toBe('stackc-app-user.js');
    expect(mongo.content).toContain('pwd: process.env.APP_PASSWORD');
    expect(appUserScript(resource('mysql'))).toBeUndefined();
  });
});
