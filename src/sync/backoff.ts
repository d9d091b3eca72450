// Retry delays for sync: exponential with "full jitter" (a random delay between 0 and the exponential cap),
// so a hundred devices coming online together in a district office do not retry in lock-step.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

/** Delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(
  attempt: number,
  { baseMs = 5_000, maxMs = 60 * 60_000, random = Math.random }: BackoffOptions = {},
) {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Never 0: a tight loop against a failing server helps nobody.
  return Math.max(1_000, Math.round(random() * cap));
}

/** `Retry-After` as seconds or an HTTP date → milliseconds from now (null when absent or unreadable). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
