import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../ts/ledger/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, omits undefined members and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1.5, 'x', { d: null, c: true }], u: undefined })).toBe('{"a":[1.5,"x",{"c":true,"d":null}],"b":1}');
    expect(canonicalJson({ '\u00e9': 1, z: 2, A: 3 })).toBe('{"A":3,"z":2,"\u00e9":1}'); // UTF-16 code-unit order
  });
  it('writes numbers as ECMAScript shortest round-trip (RFC 8785 examples)', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.33333329, 5e-324])).toBe('[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,5e-324]');
  });
  it('rejects what JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/\$\.a is NaN/);
    expect(() => canonicalJson([1, undefined])).toThrow(/\$\[1\] is undefined/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(new Map())).toThrow(/Map/);
    expect(() => canonicalJson({ trades: [{ q: 1 }, { q: Infinity }] })).toThrow(/\$\.trades\[1\]\.q is Infinity/);
  });
  it('hashes with SHA-256 as published (FIPS 180-2 "abc" vector)', () => {
    expect(bytesToHex(sha256(utf8ToBytes('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
