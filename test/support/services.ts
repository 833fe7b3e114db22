// External services some tests need (Redis for the BullMQ sweep, Chromium for the browser app). .ci/run installs
// them, starts Redis and sets PEERGRID_REDIS_URL and PEERGRID_REQUIRE_SERVICES=1; there (or with CI set) a missing
// service FAILS the test file. On a developer's machine a missing one skips its tests with a loud warning, and a
// redis-server binary on PATH is started for the test run when no URL is given.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

/** True where every service must be present (CI, or .ci/run's flag). */
export const servicesRequired = process.env.PEERGRID_REQUIRE_SERVICES === '1' || (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false');

/** Fails (required) or warns loudly (developer machine) that `service` is missing; returns null for skipIf. */
export function missingService(service: string, how: string): null {
  const msg = `${service} is not available: ${how}`;
  if (servicesRequired) throw new Error(`REQUIRED SERVICE MISSING (CI): ${msg}`);
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! SKIPPING TESTS: ${msg}\n${'!'.repeat(100)}\n\n`);
  return null;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.end(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

/** A Redis for the tests: PEERGRID_REDIS_URL, or a redis-server started here (stop() ends it), or null (skipped). */
export async function redisForTests(): Promise<{ url: string; stop(): void } | null> {
  if (process.env.PEERGRID_REDIS_URL) return { url: process.env.PEERGRID_REDIS_URL, stop: () => {} };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return missingService('Redis', 'install redis-server (apt-get install redis-server) or set PEERGRID_REDIS_URL');
  }
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return { url: `redis://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}

/** Path of a Chromium for the browser test, or null (skipped) when there is none. */
export function chromiumForTests(): string | null {
  const path = process.env.PEERGRID_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  return missingService('Chromium', `no browser at ${path} (apt-get install chromium, or set PEERGRID_CHROMIUM)`);
}
