// A transferable-utility coalition game given by its characteristic function over every subset of players
// (format `coalition-game/1`). Coalitions are bitmasks: player i (in the listed order) is bit i.
import { ValidationError } from '../../errors.js';

/** 'value': v(S) is what S can earn together (core: x(S) ≥ v(S)); 'cost': c(S) is what S must pay (core: x(S) ≤ c(S)). */
export type CoalitionGameKind = 'value' | 'cost';

/** A TU game: players and the characteristic function of every coalition, indexed by bitmask (currency). */
export interface CoalitionGame {
  /** Player ids, in the order that defines the bitmask (player i is bit i). */
  readonly players: readonly string[];
  /** Whether `values` are earnings (value game) or costs (cost game). */
  readonly kind: CoalitionGameKind;
  /** v(S) (or c(S)) for every mask 0 … 2^n − 1, currency. */
  readonly values: Float64Array;
}

/** Most players a game given as a full table may have (2^20 coalitions, 8 MiB of values). */
export const MAX_TABULATED_PLAYERS = 20;

/** The JSON document `{"format": "coalition-game/1", "kind"?, "players": [ids], "values": {"": 0, "a": v, "a,b": v, …}}`. */
export interface CoalitionGameDocument {
  format?: string;
  kind?: string;
  players: unknown;
  values: unknown;
}

/** Builds a game from a characteristic function evaluated on every mask (player count ≤ MAX_TABULATED_PLAYERS). */
export function createCoalitionGame(
  players: readonly string[],
  valueOf: (mask: number) => number,
  kind: CoalitionGameKind = 'value',
): CoalitionGame {
  checkPlayers(players);
  const values = new Float64Array(1 << players.length);
  for (let mask = 0; mask < values.length; mask++) {
    const v = valueOf(mask);
    if (!Number.isFinite(v)) {
      throw new ValidationError({ element: 'coalition', id: coalitionKey(players, mask), field: 'value', value: v }, 'must be a finite number');
    }
    values[mask] = v;
  }
  if (values[0] !== 0) {
    throw new ValidationError({ element: 'coalition', id: '', field: 'value', value: values[0] }, 'the empty coalition must have value 0');
  }
  return { players: [...players], kind, values };
}

/** Validates a `coalition-game/1` document: unique players, every subset present exactly once, finite values. */
export function parseCoalitionGame(doc: unknown): CoalitionGame {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ValidationError({ element: 'game', id: 'document', field: '(root)', value: doc }, 'must be a JSON object {"format": "coalition-game/1", "players": [...], "values": {...}}');
  }
  const d = doc as CoalitionGameDocument;
  if (d.format !== undefined && d.format !== 'coalition-game/1') {
    throw new ValidationError({ element: 'game', id: 'document', field: 'format', value: d.format }, "must be 'coalition-game/1'");
  }
  const kind = d.kind ?? 'value';
  if (kind !== 'value' && kind !== 'cost') {
    throw new ValidationError({ element: 'game', id: 'document', field: 'kind', value: kind }, "must be 'value' or 'cost'");
  }
  if (!Array.isArray(d.players)) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'players', value: d.players }, 'must be an array of player ids');
  }
  const players = d.players as unknown[];
  players.forEach((p, i) => {
    if (typeof p !== 'string' || p === '' || p.includes(',')) {
      throw new ValidationError({ element: 'player', id: i, field: `players[${i}]`, value: p }, 'must be a non-empty string without commas');
    }
  });
  checkPlayers(players as string[]);
  const ids = players as string[];
  if (typeof d.values !== 'object' || d.values === null || Array.isArray(d.values)) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'values', value: d.values }, 'must be an object mapping comma-joined coalitions to numbers');
  }
  const index = new Map(ids.map((p, i) => [p, i] as const));
  const values = new Float64Array(1 << ids.length);
  const seen = new Uint8Array(values.length);
  for (const [key, raw] of Object.entries(d.values as Record<string, unknown>)) {
    let mask = 0;
    if (key !== '') {
      for (const member of key.split(',')) {
        const i = index.get(member.trim());
        if (i === undefined) {
          throw new ValidationError({ element: 'coalition', id: key, field: `values[${JSON.stringify(key)}]`, value: member }, `names an unknown player (players: ${ids.join(', ')})`);
        }
        if (mask & (1 << i)) {
          throw new ValidationError({ element: 'coalition', id: key, field: `values[${JSON.stringify(key)}]`, value: member }, 'lists a player twice');
        }
        mask |= 1 << i;
      }
    }
    if (seen[mask]) {
      throw new ValidationError({ element: 'coalition', id: key, field: `values[${JSON.stringify(key)}]`, value: raw }, `the coalition {${coalitionKey(ids, mask)}} is listed twice`);
    }
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      throw new ValidationError({ element: 'coalition', id: key, field: `values[${JSON.stringify(key)}]`, value: raw }, 'must be a finite number');
    }
    seen[mask] = 1;
    values[mask] = raw;
  }
  for (let mask = 0; mask < values.length; mask++) {
    if (!seen[mask]) {
      throw new ValidationError({ element: 'coalition', id: coalitionKey(ids, mask), field: `values[${JSON.stringify(coalitionKey(ids, mask))}]`, value: undefined }, `is missing: a game of ${ids.length} players lists all ${values.length} coalitions, the empty one ("") included`);
    }
  }
  if (values[0] !== 0) {
    throw new ValidationError({ element: 'coalition', id: '', field: 'values[""]', value: values[0] }, 'the empty coalition must have value 0');
  }
  return { players: ids, kind, values };
}

/** The canonical key of a coalition: its members in the listed order, comma-joined ('' for the empty one). */
export function coalitionKey(players: readonly string[], mask: number): string {
  const members: string[] = [];
  for (let i = 0; i < players.length; i++) if (mask & (1 << i)) members.push(players[i]!);
  return members.join(',');
}

/** Sums of an allocation over every coalition: out[mask] = Σ_{i ∈ mask} x_i (currency). */
export function coalitionSums(x: ArrayLike<number>, n: number): Float64Array {
  const sums = new Float64Array(1 << n);
  for (let mask = 1; mask < sums.length; mask++) {
    const low = mask & -mask;
    sums[mask] = sums[mask ^ low]! + x[31 - Math.clz32(low)]!;
  }
  return sums;
}

function checkPlayers(players: readonly string[]): void {
  if (players.length === 0) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'players', value: players }, 'needs at least one player');
  }
  if (players.length > MAX_TABULATED_PLAYERS) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'players', value: players.length }, `a tabulated game may have at most ${MAX_TABULATED_PLAYERS} players (2^${MAX_TABULATED_PLAYERS} coalitions); use sampledShapleyValue with a characteristic function for larger games`);
  }
  const seen = new Set<string>();
  players.forEach((p, i) => {
    if (seen.has(p)) throw new ValidationError({ element: 'player', id: p, field: `players[${i}]`, value: p }, 'is listed twice');
    seen.add(p);
  });
}
