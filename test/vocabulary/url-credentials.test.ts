// One reader of `scheme://user:password@host` for lint, diff masking and import.
import { describe, expect, it } from 'vitest';
import { findUrlCredentials, replaceUrlPasswords } from '../../src/vocabulary/url-credentials.js';

describe('url credentials', () => {
  it('finds the parts and where the password is', () => {
    const text = 'DATABASE_URL=postgresql://Shop:Xk29vLq8Rz@DB.internal:5432/shop';
    const [url] = findUrlCredentials(text);
    expect(url).toEqual({ scheme: 'postgresql', user: 'Shop', password: 'Xk29vLq8Rz', host: 'db.internal', offset: text.indexOf('Xk29') });
  });

  it('reads passwords with `:` and unencoded `@` up to the last `@` a host follows', () => {
    expect(findUrlCredentials('redis://:p@ss:w0rd@cache:6379/0')).toMatchObject([{ user: '', password: 'p@ss:w0rd', host: 'cache' }]);
    expect(findUrlCredentials('amqp://u:p@[::1]:5672')).toMatchObject([{ password: 'p', host: '[::1]' }]);
  });

  it('finds every URL in a text, stops at quotes and whitespace, and skips an empty password', () => {
    expect(findUrlCredentials(`psql "postgres://a:one@db/x" && curl https://b:two@api.example/v1 'x'`).map((u) => u.password)).toEqual(['one', 'two']);
    expect(findUrlCredentials('https://user:@host.example')).toEqual([]);
    expect(findUrlCredentials('https://user@host.example')).toEqual([]);
    expect(findUrlCredentials('jdbc:postgresql://u:p@db/x')).toMatchObject([{ scheme: 'postgresql', password: 'p' }]);
  });

  it('keeps references as the password: whether one counts is the caller\'s call', () => {
    expect(findUrlCredentials('postgres://app:${resources.db.password}@db/app')).toMatchObject([{ password: '${resources.db.password}' }]);
  });

  it('replaces passwords in place', () => {
    expect(replaceUrlPasswords('a postgres://u:pw@db/x b redis://:p@ss@cache c', () => '***')).toBe('a postgres://u:***@db/x b redis://:***@cache c');
    expect(replaceUrlPasswords('postgres://u:${PW}@db', (u) => (u.password.startsWith('${') ? u.password : '***'))).toBe('postgres://u:${PW}@db');
  });
});
