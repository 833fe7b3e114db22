// Builds the browser app (web/) with esbuild into dist/web (or the folder given as the first argument): main.js and
// simulation-worker.js as ES modules (the WASM kernels are inlined in the bundles), and index.html. Prints sizes.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Builds the app into `outDir`; returns the files written with their sizes in bytes. */
export async function buildWebApp(outDir = join(root, 'dist', 'web')) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'web', 'src', 'main.ts'), join(root, 'web', 'src', 'simulation-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outdir: outDir,
    logLevel: 'error',
  });
  copyFileSync(join(root, 'web', 'index.html'), join(outDir, 'index.html'));
  return Object.fromEntries(['index.html', 'main.js', 'simulation-worker.js'].map((f) => [f, statSync(join(outDir, f)).size]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await buildWebApp(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`web app: ${Object.entries(sizes).map(([f, b]) => `${f} ${(b / 1024).toFixed(0)} KiB`).join(', ')}`);
}
