// A small scenario (4 households on IEEE 33, one day) for sweep tests.
export function tinyBase(): Record<string, any> {
  return {
    name: 'tiny',
    network: 'ieee33',
    prosumers: [
      { id: 'a', bus: '18', load: { kind: 'household', annualKwh: 5000 }, pvKwp: 8, battery: { capacityKwh: 10, powerKw: 5 } },
      { id: 'b', bus: '18', load: { kind: 'household', annualKwh: 4000 } },
      { id: 'c', bus: '33', load: { kind: 'household', annualKwh: 3000 }, pvKwp: 5 },
      { id: 'd', bus: '25', load: { kind: 'household', annualKwh: 3500 } },
    ],
    tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
    market: { mechanism: 'uniform', strategy: { kind: 'zero-intelligence' } },
    horizon: { start: '2024-06-03T00:00:00Z', steps: 96, dtHours: 0.25 },
    seed: 1,
  };
}
