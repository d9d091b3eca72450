// Token buckets in memory, one per key (a device id, a client address). Memory only: a restart forgives
// everyone, which is fine for a limit whose job is to keep one noisy client from starving the others.
import type { RateLimit } from './config';

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full (idle) ones are dropped: bounds memory under a flood of distinct keys. */
const MAX_KEYS = 10_000;

export function createLimiter({ perSecond, burst }: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();

  function refill(b: Bucket, t: number) {
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
  }

  function prune(t: number) {
    for (const [key, b] of buckets) {
      refill(b, t);
      if (b.tokens >= burst) buckets.delete(key);
    }
    // Still too many: every key is busy; forget the oldest rather than grow without bound, and make room
    // for a tenth more so a flood of new keys does not pay for a full sweep on every request.
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS * 0.9) break;
      buckets.delete(key);
    }
  }

  return {
    /** Takes one token; when the bucket is empty, says after how many whole seconds one will be there. */
    take(key: string): { ok: true } | { ok: false; retryAfter: number } {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_KEYS) prune(t);
        b = { tokens: burst, at: t };
        buckets.set(key, b);
      } else {
        refill(b, t);
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / perSecond)) };
    },
    get size() {
      return buckets.size;
    },
  };
}
export type Limiter = ReturnType<typeof createLimiter>;
