// Rate limits through @fastify/rate-limit (its hooks, headers and refusal), counting with our own token bucket
// as the plugin's store: a device may send a burst after a quiet spell, then a steady rate, and Retry-After
// says when the next token comes, not when a fixed window ends. Buckets live in memory, one per key (a device
// id, a client address): a restart forgives everyone, which is fine for a limit whose job is to keep one noisy
// client from starving the others.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
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

/** What the plugin throws on a refusal; errors.ts sends it as the API's JSON. */
export class RateLimited extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfter: number) {
    super('rate limited');
  }
}

/**
 * Registers @fastify/rate-limit (no global limit) with token buckets as its store, and returns a maker of
 * onRequest hooks: each names its Limiter and how a request is keyed (a device, an address).
 */
export async function registerRateLimit(app: FastifyInstance) {
  const limiters = new Map<string, Limiter>();
  // The plugin's store interface over one Limiter: `current` 1 when a token was taken, 2 (over `max: 1`)
  // when the bucket is empty, with `ttl` the wait for the next token. Each hook's store is a `child`.
  class BucketStore {
    constructor(private readonly limiter?: Limiter) {}
    incr(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void) {
      const r = this.limiter!.take(key);
      cb(null, r.ok ? { current: 1, ttl: 0 } : { current: 2, ttl: r.retryAfter * 1000 });
    }
    child(params: { groupId?: string }) {
      return new BucketStore(limiters.get(params.groupId ?? ''));
    }
  }
  const off = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false };
  await app.register(fastifyRateLimit, {
    global: false,
    store: BucketStore as never,
    addHeaders: { ...off, 'retry-after': true },
    addHeadersOnExceeding: off,
    errorResponseBuilder: (_req, ctx) => new RateLimited(Math.ceil(ctx.ttl / 1000)),
  });
  return (name: string, limiter: Limiter, keyOf: (req: FastifyRequest) => string): onRequestHookHandler => {
    limiters.set(name, limiter);
    return app.rateLimit({ max: 1, timeWindow: 1000, groupId: name, keyGenerator: keyOf });
  };
}
