import { assignmentsPerSecond, RATE_MEMORY_SECONDS, recordServed } from './assignment-rate';

describe('assignment rate', () => {
  it('given no served chat yet, the rate is unknown', () => {
    expect(assignmentsPerSecond(undefined, '2026-01-01T10:00:00Z')).toBeUndefined();
  });

  it('given one chat served every 10 s for a long while, the rate settles near 0.1 per second', () => {
    let rate = recordServed(undefined, 1, '2026-01-01T10:00:00Z');
    for (let i = 1; i <= 600; i++) rate = recordServed(rate, 1, new Date(Date.parse('2026-01-01T10:00:00Z') + i * 10_000).toISOString());
    expect(assignmentsPerSecond(rate, rate.updated_at)).toBeCloseTo(0.1, 2);
  });

  it('given a group idle for long, an old rush fades to unknown', () => {
    const rush = recordServed(undefined, 30, '2026-01-01T10:00:00Z');
    expect(assignmentsPerSecond(rush, '2026-01-01T10:00:00Z')).toBeCloseTo(30 / RATE_MEMORY_SECONDS);
    expect(assignmentsPerSecond(rush, '2026-01-01T12:00:00Z')).toBeUndefined();
  });
});
