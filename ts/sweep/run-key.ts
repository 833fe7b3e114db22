/**
 * The key of a sweep run: SHA-256 (hex) of the canonical JSON of peergrid's version, the resolved scenario (every
 * default filled in) and the contents of the files it reads. Equal keys mean the same computation, whatever the sweep
 * file looked like, so results can be reused across interrupted, re-run and distributed sweeps — and a new peergrid
 * version never reuses an old one's numbers.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { Scenario } from '../sim/scenario/scenario-schema.js';
import { PEERGRID_VERSION } from '../version.js';

/** The key of one run (64 hex digits). */
export function runKey(scenario: Scenario, files: Readonly<Record<string, string>>, version: string = PEERGRID_VERSION): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson({ peergrid: version, scenario, files }))));
}
