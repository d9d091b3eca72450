import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../src/sync/backoff';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const top = (attempt: number) =>
      backoffDelay(attempt, { baseMs: 5_000, maxMs: 60_000, random: () => 0.999999 });
    expect(top(1)).toBe(5_000);
    expect(top(2)).toBe(10_000);
    expect(top(3)).toBe(20_000);
    expect(top(4)).toBe(40_000);
    expect(top(5)).toBe(60_000);
    expect(top(30)).toBe(60_000);
  });

  it('spreads retries between a floor of one second and the cap', () => {
    expect(backoffDelay(3, { random: () => 0 })).toBe(1_000);
    expect(backoffDelay(3, { baseMs: 5_000, random: () => 0.5 })).toBe(10_000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(6)));
    expect(seen.size).toBeGreaterThan(40);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
