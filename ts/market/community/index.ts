// Community pricing: supply-demand ratio, mid-market rate and bill sharing.
export * from './community-pricing.js';
export { clearCommunity, COMMUNITY_RULE, COMMUNITY_SUMMARY, COMMUNITY_SUMMARY_LENGTH } from './community-pricing-baseline.js';
export { efficientCross, type EfficientCross } from './max-welfare.js';
