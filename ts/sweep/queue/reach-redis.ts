/** Waits for a BullMQ connection to be ready, or fails with one line naming the server (ioredis retries forever). */
import { PeergridError } from '../../errors.js';
import type { RedisConnection } from './redis-url.js';

/** The error of an unreachable queue. */
export class QueueUnreachableError extends PeergridError {}

/** Resolves when every `ready` promise has, or rejects after `timeoutMs`. */
export async function reachRedis(connection: RedisConnection, ready: Promise<unknown>[], timeoutMs = 10_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new QueueUnreachableError(`cannot reach Redis at ${connection.host}:${connection.port} within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([Promise.all(ready), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
