/**
 * Local balance per market interval, the measure of the Elecbay trial (half-hourly P2P trading on an LV microgrid):
 * how much of the demand the prosumers could not cover themselves was met by their neighbours. From a run's
 * reporter columns, per interval t (clearing on actuals, so a prosumer's deficit is P2P bought + grid bought and its
 * surplus P2P sold + grid sold):
 *   deficit_t = p2pTradedKwh_t + gridImportKwh_t,   surplus_t = p2pTradedKwh_t + gridExportKwh_t
 *   local balance_t = p2pTradedKwh_t / deficit_t                      (the share met by peers)
 *   possible_t      = min(surplus_t, deficit_t) / deficit_t           (what local surplus could have met at most)
 * `share` weights the intervals by their deficit (Σ P2P / Σ deficit = CommunityMetrics.localBalance);
 * `meanPerInterval` averages the intervals with a deficit equally.
 */

/** Local balance of a run, fractions in [0, 1] (null where no interval had a deficit). */
export interface LocalBalance {
  /** Σ P2P traded / Σ deficit over the run. */
  share: number | null;
  /** Σ min(surplus, deficit) / Σ deficit: the share local surplus could have met (the bound of any market). */
  possibleShare: number | null;
  /** Mean over intervals with a deficit of the interval's P2P traded / deficit. */
  meanPerInterval: number | null;
  /** Intervals with a deficit. */
  intervals: number;
}

/** The local balance of a run from its series p2pTradedKwh, gridImportKwh and gridExportKwh (kWh per step). */
export function localBalanceOf(series: Record<string, Float64Array>): LocalBalance {
  const p2p = series.p2pTradedKwh!;
  const imp = series.gridImportKwh!;
  const exp = series.gridExportKwh!;
  let traded = 0;
  let deficit = 0;
  let possible = 0;
  let sumShare = 0;
  let intervals = 0;
  for (let t = 0; t < p2p.length; t++) {
    const d = p2p[t]! + imp[t]!;
    if (!(d > 0)) continue;
    traded += p2p[t]!;
    deficit += d;
    possible += Math.min(d, p2p[t]! + exp[t]!);
    sumShare += p2p[t]! / d;
    intervals++;
  }
  return {
    share: deficit > 0 ? traded / deficit : null,
    possibleShare: deficit > 0 ? possible / deficit : null,
    meanPerInterval: intervals > 0 ? sumShare / intervals : null,
    intervals,
  };
}
