/** Parses `redis://[user:password@]HOST[:PORT][/DB]` into BullMQ connection options; the error names the flag. */
import { ValidationError } from '../../errors.js';

/** Connection options of a Redis server (BullMQ's `connection`). */
export interface RedisConnection {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
  /** BullMQ's blocking connections require null (no per-request retry limit). */
  maxRetriesPerRequest: null;
}

/** Parses a redis:// URL. */
export function parseRedisUrl(url: string, flag = '--queue'): RedisConnection {
  const bad = (problem: string): ValidationError => new ValidationError({ element: 'option', id: 'queue', field: flag, value: url }, problem);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad('expected a URL such as redis://127.0.0.1:6379');
  }
  if (u.protocol !== 'redis:') throw bad('expected the redis:// scheme');
  if (u.hostname === '') throw bad('expected a host');
  const port = u.port === '' ? 6379 : Number(u.port);
  const db = u.pathname === '' || u.pathname === '/' ? undefined : Number(u.pathname.slice(1));
  if (db !== undefined && !(Number.isInteger(db) && db >= 0)) throw bad('expected a database number after the slash');
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    ...(db !== undefined ? { db } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}
