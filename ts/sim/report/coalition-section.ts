// The report's coalition section: each mechanism's savings against v(N) and the Shapley value of the community's
// pooling game (ts/sim/games/coalition-view.ts).
import type { CoalitionView } from '../games/coalition-view.js';
import { escapeXml as esc } from './escape-xml.js';

/** HTML of the coalition section ('' without a view). */
export function coalitionSection(view: CoalitionView | null | undefined, currency: string): string {
  if (!view) return '';
  const pct = (v: number | null): string => (v === null ? '—' : v.toFixed(1));
  const how = view.exact
    ? 'exact (every coalition tabulated)'
    : `sampled over ${view.samples} random orders (largest 95 % half-width ${view.maxHalfWidth.toFixed(2)} ${esc(currency)} per household)`;
  return `<h2>Coalition view: the community as a cooperative game</h2>
<p class="note">v(N) = ${view.grandCoalitionValue.toFixed(2)} ${esc(currency)}: what the households would save by pooling their no-P2P positions at the retail and feed-in prices, minus the P2P charges on what they net inside (<a href="#def-coalition">definition</a>). The Shapley value splits it by each household's average marginal contribution; here it is ${how}.</p>
<table class="cmp"><thead><tr><th>mechanism</th><th>savings<br><span class="unit">${esc(currency)}</span></th><th>share of v(N)<br><span class="unit">%</span></th><th>distance from Shapley<br><span class="unit">% of v(N)</span></th><th>households below Shapley</th></tr></thead><tbody>${view.rows
    .map((r) => `<tr><td>${esc(r.mechanism)}</td><td>${r.savings.toFixed(2)}</td><td>${pct(r.capturedPercent)}</td><td>${pct(r.shapleyDistancePercent)}</td><td>${r.belowShapley}</td></tr>`)
    .join('')}</tbody></table>`;
}
