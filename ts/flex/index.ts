// Flexibility: rule-based battery dispatch and EV charging.
export * from './battery.js';
export * from './ev.js';
