import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The shared code path must bundle for browsers and Web Workers: no node: imports, no top-level await.
describe('browser bundle of the public API', () => {
  it.each(['ts/index.ts', 'ts/kernels.ts'])('bundles %s for the browser with no Node built-ins and no top-level await', async (entry) => {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'iife', // an IIFE cannot contain top-level await: esbuild fails the build if any module uses it
      write: false,
      logLevel: 'silent',
    });
    expect(out.errors).toEqual([]);
    const code = out.outputFiles[0]!.text;
    expect(code).not.toMatch(/from ["']node:/);
    expect(code.length).toBeGreaterThan(10_000);
  }, 60_000);
});
