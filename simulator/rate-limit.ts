// A token bucket in front of every route (issue 14): `perSecond` tokens flow in each
// second, up to `burst` (one second's worth by default). A request that finds the bucket
// empty is answered 429 with Retry-After, the whole seconds until a token is back (at
// least 1, as the header carries whole seconds), so tests and the bench measure the
// console against a known ceiling.

export interface RateLimit {
  perSecond: number;
  burst?: number;
}

export interface TokenBucket {
  /** Takes a token; null when one was there, else the seconds to wait. */
  take(): number | null;
}

export function createTokenBucket({ perSecond, burst = perSecond }: RateLimit, now: () => number = () => performance.now()): TokenBucket {
  const capacity = Math.max(1, burst);
  let tokens = capacity;
  let last = now();
  return {
    take() {
      const at = now();
      tokens = Math.min(capacity, tokens + ((at - last) / 1000) * perSecond);
      last = at;
      if (tokens >= 1) {
        tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
  };
}

/** `20/s`, `20` or `20/s:40` (a burst of 40) as the CLI's --rate takes it. */
export function parseRate(text: string): RateLimit {
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?(?::(\d+))?$/.exec(text.trim());
  const perSecond = Number(match?.[1]);
  if (!match || !(perSecond > 0)) throw new Error(`--rate "${text}": give requests per second, e.g. --rate 20/s (or 20/s:40 for a burst of 40).`);
  return match[2] === undefined ? { perSecond } : { perSecond, burst: Number(match[2]) };
}
