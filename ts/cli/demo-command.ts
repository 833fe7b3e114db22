/**
 * `peergrid demo [--port N]`: serves the browser app (web/, built into dist/web by `npm run build`) on
 * http://127.0.0.1:N/ (default 8033) until interrupted. Run from the TypeScript sources, it builds the app first
 * (esbuild, a dev dependency). The built files work from any static host as they are.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { serveStatic } from './static-server.js';

/** Where the built app is: dist/web next to dist/cli, or a fresh build when running from sources. */
async function webRoot(): Promise<string> {
  const built = fileURLToPath(new URL('../web/', import.meta.url));
  if (existsSync(join(built, 'index.html'))) return built;
  const script = pathToFileURL(join(fileURLToPath(new URL('../../scripts/', import.meta.url)), 'build-web.mjs')).href;
  const { buildWebApp } = (await import(script)) as { buildWebApp(out: string): Promise<unknown> };
  const out = mkdtempSync(join(tmpdir(), 'peergrid-web-'));
  await buildWebApp(out);
  return out;
}

/** Registers `peergrid demo`. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('serve the browser app on http://127.0.0.1:PORT/ until interrupted')
    .option('--port <n>', 'port (default 8033; 0 = any free port)', '8033')
    .action(async (opts: { port: string }) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) {
        throw new ValidationError({ element: 'option', id: 'demo', field: '--port', value: opts.port }, 'expected a port number 0-65535');
      }
      const { server, url } = await serveStatic(await webRoot(), port);
      process.stdout.write(`peergrid demo: ${url} (Ctrl+C stops it)\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await new Promise((resolve) => server.close(resolve));
    });
}
