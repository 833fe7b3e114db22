import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PEERGRID_VERSION } from '../ts/version.js';

describe('PEERGRID_VERSION', () => {
  it("equals package.json's version (it keys every sweep result)", () => {
    expect(PEERGRID_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
