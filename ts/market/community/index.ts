// Community pricing: supply-demand ratio, mid-market rate and bill sharing (settlement rules with λb and λs).
export * from './community-pricing.js';
export { clearCommunity, COMMUNITY_RULE, COMMUNITY_SUMMARY, COMMUNITY_SUMMARY_LENGTH } from './community-pricing-baseline.js';
