// Reads the community form of a game file, `{"players": [...], "community": <scenario object or path>}`, and runs
// the scenario's no-P2P simulation to get each player's net imports and the tariffs (Node-only file).
import { dirname, resolve } from 'node:path';
import { ValidationError } from '../errors.js';
import { communityNetSeries, type CommunityNetSeries } from '../sim/games/community-net-series.js';
import { nodeScenarioFiles, readScenarioFile } from '../sim/node/scenario-file.js';
import { createDefaultStudy } from '../sim/scenario/default-study.js';

/** A community game file, read: its document (for an "allocation" field) and the simulated series. */
export interface CommunityGameInput {
  /** The parsed game file. */
  document: unknown;
  /** Members' net imports per step and the step tariffs. */
  series: CommunityNetSeries;
}

/** Reads `{"players"?, "community"}` (community: a scenario object, a scenario file path relative to the game file, or "default" for the built-in study). */
export function readCommunityGame(doc: object, file: string, steps: number | undefined): CommunityGameInput {
  const d = doc as { format?: unknown; players?: unknown; community?: unknown; values?: unknown };
  if (d.format !== undefined && d.format !== 'coalition-game/1') {
    throw new ValidationError({ element: 'game', id: 'document', field: 'format', value: d.format }, "must be 'coalition-game/1'");
  }
  if (d.values !== undefined) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'values', value: '…' }, 'give either "values" or "community", not both');
  }
  let players: string[] | undefined;
  if (d.players !== undefined) {
    if (!Array.isArray(d.players) || d.players.length === 0) {
      throw new ValidationError({ element: 'game', id: 'document', field: 'players', value: d.players }, 'must be a non-empty array of prosumer ids');
    }
    players = d.players.map((p, i) => {
      if (typeof p !== 'string') throw new ValidationError({ element: 'player', id: String(p), field: `players[${i}]`, value: p }, 'must be a prosumer id (string)');
      return p;
    });
  }
  const gameDir = dirname(resolve(file));
  let scenario: unknown = d.community;
  let files = nodeScenarioFiles(gameDir);
  if (d.community === 'default') scenario = createDefaultStudy();
  else if (typeof d.community === 'string') ({ scenario, files } = readScenarioFile(resolve(gameDir, d.community)));
  else if (typeof d.community !== 'object' || d.community === null || Array.isArray(d.community)) {
    throw new ValidationError({ element: 'game', id: 'document', field: 'community', value: d.community }, 'must be a scenario object, the path of a scenario file, or "default" (the built-in study)');
  }
  return { document: doc, series: communityNetSeries(scenario, { players, files, steps }) };
}
