// The narrow progress subscription's timing (issue 14): a bulkProgress call waits until
// its run has moved on, and answers at most every MIN_INTERVAL_MS per run, so however fast
// rows complete the renderer gets a few updates a second; after MAX_WAIT_MS it answers
// anyway (the page's call never hangs for ever).

export const MIN_INTERVAL_MS = 250;
export const MAX_WAIT_MS = 15_000;

export function progressWaiter() {
  const waiting = new Map<string, Set<() => void>>();
  const lastAnswer = new Map<string, number>();

  return {
    changed(runId: string): void {
      for (const wake of waiting.get(runId) ?? []) wake();
    },
    async wait(runId: string, moved: () => boolean): Promise<void> {
      const started = Date.now();
      while (!moved() && Date.now() - started < MAX_WAIT_MS) {
        await new Promise<void>((resolve) => {
          const set = waiting.get(runId) ?? new Set();
          waiting.set(runId, set);
          const done = () => {
            clearTimeout(timer);
            set.delete(done);
            resolve();
          };
          const timer = setTimeout(done, MAX_WAIT_MS - (Date.now() - started));
          set.add(done);
        });
      }
      const since = Date.now() - (lastAnswer.get(runId) ?? 0);
      if (since < MIN_INTERVAL_MS) await new Promise((resolve) => setTimeout(resolve, MIN_INTERVAL_MS - since));
      lastAnswer.set(runId, Date.now());
    },
  };
}
