// How fast a bulk run may send (bulk-runner.ts asks before each request): ConsCent
// publishes no rate limit, so the run learns it. A 429 pauses the whole run for its
// Retry-After; two 429s in a row teach ConsCent's pace (what was accepted between them),
// so a long run keeps just under the limit instead of hitting it every second. Repeated
// 429/503 answers within 10 s halve the requests at a time; a calm stretch of answers
// gives one back and probes the pace gently upwards, in case ConsCent allows more now.

const RECOVER_AFTER = 50;
/** Requests refused in one burst (in flight together) are one event, not several. */
const SAME_BURST_MS = 500;
const REPEATED_WITHIN_MS = 10_000;

export type RunPace = ReturnType<typeof createRunPace>;

export function createRunPace(concurrency: number) {
  let limit = concurrency;
  let pausedUntil = 0;
  // Requests a second learnt from the 429s, and when the next request may start.
  let pace: number | undefined;
  let nextSlot = 0;
  let lastLimitAt: number | undefined;
  let acceptedSinceLimit = 0;
  let calmStreak = 0;

  const halveIfRepeated = (at: number) => {
    if (lastLimitAt !== undefined && at - lastLimitAt < REPEATED_WITHIN_MS) limit = Math.max(1, Math.floor(limit / 2));
  };

  return {
    /** Requests at a time now (lower than asked after repeated 429/503 answers). */
    get limit() {
      return limit;
    },
    /** Until when (the runner's clock) nothing may start after a 429. */
    get pausedUntil() {
      return pausedUntil;
    },
    /** Milliseconds until the learnt pace lets the next request start (0: now). */
    slotIn(at: number): number {
      return pace && nextSlot > at ? nextSlot - at : 0;
    },
    /** A request starts now: the next one waits its turn at the learnt pace. */
    started(at: number): void {
      if (pace) nextSlot = Math.max(at, nextSlot) + 1000 / pace;
    },
    /** ConsCent answered 429; false when it belongs to a burst already counted. */
    rateLimited(at: number, retryAfterSeconds: number): boolean {
      if (lastLimitAt !== undefined && at - lastLimitAt < SAME_BURST_MS) return false;
      if (lastLimitAt !== undefined) {
        const measured = acceptedSinceLimit / ((at - lastLimitAt) / 1000);
        if (measured > 0) pace = measured;
      }
      halveIfRepeated(at);
      lastLimitAt = at;
      acceptedSinceLimit = 0;
      calmStreak = 0;
      pausedUntil = Math.max(pausedUntil, at + retryAfterSeconds * 1000);
      return true;
    },
    /** ConsCent answered the row (any answer but 429); `overloaded`: a 503. */
    answered(at: number, overloaded: boolean): void {
      acceptedSinceLimit += 1;
      if (overloaded) {
        halveIfRepeated(at);
        lastLimitAt = at;
        calmStreak = 0;
        return;
      }
      calmStreak += 1;
      if (calmStreak % RECOVER_AFTER === 0) {
        if (limit < concurrency) limit += 1;
        if (pace) pace *= 1.01;
      }
    },
  };
}
