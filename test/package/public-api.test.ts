// The published package as a user meets it: `peergrid`, `peergrid/node` and `peergrid/kernels` resolved by name
// (package self-reference, so through package.json "exports" and the built dist/, exactly as after npm install),
// each exporting exactly the curated list below. A new public name is added here on purpose; an accidental
// export (a helper, a kernel twin, a schema) fails this test. Needs a fresh build (npm test runs tsc first).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CURATED: Record<string, string[]> = {
  'peergrid': [
    'BILATERAL_MARKET_FORMAT', 'validateBilateralMarket', 'solveBilateralMarket', 'solveBilateralMarketSync',
    'createRandomBilateralMarket', 'applyNetworkCharges', 'electricalDistances',
    'AUCTION_MECHANISMS', 'BRANCH_LINE', 'BRANCH_TRANSFORMER', 'BUS_ISOLATED', 'BUS_PQ', 'BUS_PV', 'BUS_SLACK', 'BLOCK_FORMAT', 'BalanceBook', 'Battery', 'BlockLedgerSink', 'BlockVerifier', 'BlockWriter', 'COMMUNITY_RULES',
    'DEFAULT_COMPARISON', 'EvCharger', 'GENESIS_HASH', 'IEEE33_KV', 'INJECTION_EV', 'INJECTION_PV',
    'FileError', 'INJECTION_STORAGE', 'KeyRegistry', 'Keyring', 'LEDGER_PARTIES', 'Ledger', 'LedgerSink', 'LedgerVerifier',
    'MECHANISMS', 'SIM_FEEDER_MECHANISMS', 'settleNetworkClearing', 'createCongestedCommunity', 'NetworkBuilder', 'OrderBook', 'ParseError', 'PeergridError', 'Rng', 'SIM_MECHANISMS',
    'ScenarioValidationError', 'SideCode', 'Simulation', 'StatusError', 'CapacityError', 'TimeGrid', 'ValidationError',
    'analyzeRadialTopology', 'assertOk', 'baseCurrentA', 'baseImpedanceOhm', 'canonicalJson', 'chooseMethod',
    'clearCommunityPricing', 'clearMarket', 'clearMarketColumnar', 'compareBalances', 'comparisonCsv',
    'comparisonRows', 'compileMatpowerCase', 'compileNetwork', 'computeMetrics', 'createDefaultStudy', 'createGlpkSolver', 'createHighsSolver', 'LpModelBuilder', 'isQuadratic', 'loadLpSolver', 'solveLp', 'validateLpModel',
    'createIeee33', 'createNetwork', 'createOrderBook', 'createPowerFlow', 'createRandomBook', 'createRng',
    'createSimulation', 'createSyntheticFeeder', 'createSyntheticFeederModel', 'createTimeGrid', 'deriveSecretKey',
    'energyKwh', 'entryHash', 'evSessions', 'findUnsuppliedBuses', 'formatComparisonTable', 'giniCoefficient',
    'householdLoadKw', 'immediateChargingKw', 'isCompiledNetwork', 'jainIndex', 'kwToKwhPerStep', 'kwToMw',
    'kwhPerStepToKw', 'markupStrategy', 'meterSeriesOnGrid', 'mwToKw', 'networkToJson', 'nobleLedgerCrypto',
    'parseMatpowerJson', 'parseMatpowerM', 'parseMeterCsv', 'parseNetworkJson', 'prosumersCsv', 'pvOutputKw',
    'renderHtmlReport', 'replayBalances', 'describeStudy', 'householdRecords', 'formatPhysicsSummary',
    'physicsIdentical', 'loadScenarioNetwork', 'runComparison', 'settleResiduals', 'solvePowerFlow', 'statusName',
    'timeSeriesCsv', 'toOrderColumns', 'tradesFromClearing', 'truthfulStrategy', 'validateMatpowerCase',
    'validateNetwork', 'validateOrderColumns', 'validateOrders', 'validateScenario', 'validateTariffs', 'verifyBlockLines',
    'verifyLedger', 'verifySignature', 'zeroIntelligenceStrategy',
    'BUILT_IN_JOBS', 'PEERGRID_VERSION', 'SWEEP_FORMAT', 'WorkerCrashError', 'createWorkerPool', 'expandSweep',
    'exposeJobs', 'headlineMetrics', 'parseSweepSpec', 'poolExecutor', 'renderSweepReport', 'runKey', 'runSweep',
    'sweepAxes', 'sweepRunsCsv', 'sweepRunsJson', 'webWorkerSpawner',
    'tariffsAt', 'retailPriceParts', 'validateRetailTariff', 'priceAt', 'p2pCharges', 'buyerCeilingPerKwh',
    'sellerFloorPerKwh', 'rationalInterval', 'allInPricePerKwh', 'assertRationalityPossible',
    'createCoalitionGame', 'parseCoalitionGame', 'coalitionKey', 'MAX_TABULATED_PLAYERS', 'shapleyValue',
    'sampledShapleyValue', 'checkCore', 'coreTolerance', 'nucleolus', 'MAX_NUCLEOLUS_PLAYERS',
    'solveStackelbergPricing', 'followerBestResponse', 'followerUtility', 'solveCournotEquilibrium',
    'cournotBestResponse', 'cournotProfit', 'runCdaExperiment', 'competitiveEquilibrium', 'ZeroIntelligenceTrader',
    'ZipTrader', 'AaTrader', 'TransactionHistory', 'communitySavingsGame', 'mechanismAllocation',
    'communitySavingsShapley', 'communitySavingsOf', 'canTabulateCommunity', 'communityNetSeries',
    'buildDcOpfModel', 'solveDcOpf', 'solveDcOpfWith',
    'validateBatterySchedule', 'buildBatteryScheduleLp', 'solveBatterySchedule', 'solveBatteryScheduleWith',
    'validateEvSchedule', 'buildEvScheduleLp', 'solveEvSchedule', 'solveEvScheduleWith', 'solveBatteryScheduleExact',
    'linDistFlowFeeder', 'clearNetworkConstrained', 'createContinuousMarket',
    'clearNestedCommunities', 'communityRows', 'islandRows', 'formatCommunityReport', 'renderCommunitySections',
    'dispatchIsland', 'createIslandOutcome',
    'createTariffMarginMarket', 'SCENARIO_PRESETS', 'scenarioPreset', 'localBalanceOf',
    'clearSensitivityChecked', 'TRADE_MATCHINGS', 'FEEDER_MECHANISMS',
  ],
  'peergrid/node': [
    'nodeLedgerCrypto', 'nodeScenarioFiles', 'readMatpowerFile', 'readMeterCsvFile', 'readScenarioFile',
    'createNodeWorkerPool', 'createQueueExecutor', 'directoryRunStore', 'nodeEndpoint', 'nodeWorkerSpawner',
    'parseRedisUrl', 'readSweepFile', 'startQueueWorker',
  ],
  'peergrid/kernels': [
    'AuctionSummarySlots', 'BOOK_EVENT', 'BOOK_EVENT_STRIDE', 'BOOK_META', 'BOOK_OP', 'BOOK_REJECT_REASON',
    'COMMUNITY_RULE', 'COMMUNITY_SUMMARY', 'COMMUNITY_SUMMARY_LENGTH', 'DiscriminatoryRule', 'KernelStatus',
    'NEWTON_DEFAULT_CONTROLS', 'OrderBookKernel', 'UniformPriceRule', 'analyzeNewtonTopology',
    'analyzeRadialTopology', 'assignHalves', 'auctionEngine', 'backwardForwardSweep', 'bookSubmitBatch',
    'buildYbus', 'clearCommunity', 'clearDiscriminatory', 'clearHuang', 'clearMuda', 'clearTradeReduction',
    'clearUniform', 'communityVolume', 'createNewtonSolver', 'createSweepSolver', 'fillJacobian', 'indexIntegers',
    'indexStrings', 'lowerBook', 'luFactor', 'luRefactor', 'luSolve', 'minimumDegreeOrder', 'negateKeys',
    'newtonSolve', 'powerMismatch', 'randomOrderStream', 'settleCommunityArrays', 'sortAscendingF64',
    'sortWorkspaceBytes', 'splitHalves', 'tsAuctionEngine', 'validateZipLoadModel', 'wasmAuctionEngine',
    'zipFactor', 'admmLocalUpdate', 'admmPriceUpdate', 'scheduleStorage', 'storageScheduleWorkspaceF64',
    'storageScheduleWorkspaceI32', 'STORAGE_PARAM', 'STORAGE_SUMMARY', 'createStorageScheduler',
  ],
};

const repoRoot = join(import.meta.dirname, '..', '..');

// One child process imports every entry by name, and requires the root entry from CommonJS.
const probe = `
const out = {};
for (const s of ${JSON.stringify(Object.keys(CURATED))}) out[s] = Object.keys(await import(s)).sort();
const { createRequire } = await import('node:module');
const required = createRequire(process.cwd() + '/probe.cjs')('peergrid');
out.require = Object.keys(required).sort();
const { clearMarket } = await import('peergrid');
const r = clearMarket([
  { id: 'b', prosumer: 'p1', side: 'buy', quantityKwh: 1, pricePerKwh: 0.25 },
  { id: 's', prosumer: 'p2', side: 'sell', quantityKwh: 1, pricePerKwh: 0.15 },
], { mechanism: 'uniform', tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 } });
out.prices = [r.clearingPricePerKwh, r.clearingPrice, r.priceIntervalPerKwh, r.priceInterval];
console.log(JSON.stringify(out));
`;
const seen = JSON.parse(
  execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', probe], { cwd: repoRoot, encoding: 'utf8' }),
) as Record<string, unknown>;

describe('package entries', () => {
  for (const [entry, names] of Object.entries(CURATED)) {
    it(`'${entry}' exports exactly the curated list`, () => {
      expect(seen[entry]).toEqual([...names].sort());
    });
  }

  it("require('peergrid') from CommonJS gives the same API (Node's require of an ES module)", () => {
    expect(seen.require).toEqual([...CURATED.peergrid!].sort());
  });

  it('no entry exports the same name as another, except the radial topology shared by root and kernels', () => {
    const all = Object.values(CURATED).flat();
    const dup = all.filter((n, i) => all.indexOf(n) !== i);
    expect(dup).toEqual(['analyzeRadialTopology']);
  });

  it('clearing results carry the unit-named price beside the old contract name (uniform: midpoint of [0.15, 0.25])', () => {
    expect(seen.prices).toEqual([0.2, 0.2, [0.15, 0.25], [0.15, 0.25]]);
  });
});

describe('published files', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[]; exports: object };

  it('ships no build/*.wasm (the kernels are inlined in dist/wasm/generated)', () => {
    expect(pkg.files.some((f) => f.startsWith('build'))).toBe(false);
  });

  it('declares the inlined WASM modules as string, not as a megabyte-long literal type', () => {
    const dir = join(repoRoot, 'dist', 'wasm', 'generated');
    const dts = readdirSync(dir).filter((f) => f.endsWith('.d.ts'));
    expect(dts.length).toBeGreaterThanOrEqual(4);
    for (const f of dts) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text).toMatch(/WasmBase64: string;/);
      expect(text.length).toBeLessThan(400);
    }
  });

  it('ships source maps only with their sources embedded', () => {
    const maps: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.map')) maps.push(join(d, e.name));
      }
    };
    walk(join(repoRoot, 'dist'));
    expect(maps.length).toBeGreaterThan(50);
    for (const m of maps) {
      const map = JSON.parse(readFileSync(m, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(map.sourcesContent?.length, m).toBe(map.sources.length);
    }
  });
});
