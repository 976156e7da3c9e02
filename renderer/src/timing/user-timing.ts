import { useEffect } from 'react';

// The console's own milestones, as the agent feels them, with the User Timing API
// (issue #12): `npm run bench` reads these measures from the page instead of timing
// around its own polling. A start mark is set when the agent acts; the measure is taken
// once the answer is on screen (the frame after React committed it); the start mark is
// then cleared, so a later re-render without a new action measures nothing.

import { MARKS, MEASURES, bridgeMeasureOf } from '../../../common/user-timing-names';

export { MARKS, MEASURES, bridgeMeasureOf };

const timing = (): Performance | undefined => (typeof performance === 'undefined' ? undefined : performance);

/** The agent acted: starts the clock of the measure that ends when the answer is painted. */
export function markAction(mark: (typeof MARKS)[keyof typeof MARKS]): void {
  const perf = timing();
  if (!perf?.mark) return;
  perf.clearMarks(mark);
  perf.mark(mark);
}

/** Runs after the next frame is painted (a frame callback, then a task after it). */
function afterPaint(run: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => setTimeout(run, 0));
}

/** Measures from the latest of `pairs`' start marks to the next paint, and clears them all. */
export function measureOnPaint(pairs: ReadonlyArray<readonly [start: string, measure: string]>): void {
  const perf = timing();
  if (!perf?.measure) return;
  let latest: { startTime: number; measure: string } | undefined;
  for (const [start, measure] of pairs) {
    const mark = perf.getEntriesByName(start, 'mark').at(-1);
    if (mark && (!latest || mark.startTime > latest.startTime)) latest = { startTime: mark.startTime, measure };
  }
  if (!latest) return;
  // Cleared now, so a second render before the paint cannot measure the same action again.
  for (const [start] of pairs) perf.clearMarks(start);
  const { startTime, measure } = latest;
  afterPaint(() => perf.measure(measure, { start: startTime, end: perf.now() }));
}

/** For the lookup box: marks when it is first painted, i.e. interactive. */
export function useMarkInteractiveOnPaint(): void {
  useEffect(() => {
    afterPaint(() => {
      const perf = timing();
      if (!perf?.measure || perf.getEntriesByName(MEASURES.pageToLookupInteractive).length > 0) return;
      perf.mark(MARKS.lookupInteractive);
      perf.measure(MEASURES.pageToLookupInteractive, { start: 0, end: perf.now() });
    });
  }, []);
}

/** When a bridge call starts (for measureBridgeCall); undefined without the User Timing API. */
export const bridgeCallStart = (): number | undefined => timing()?.now();

/**
 * The page's span of one bridge call, call to answer (issue 23): with main's own stages it
 * tells the transport's share. Only the latest per operation is kept, so a long session
 * does not pile them up.
 */
export function measureBridgeCall(operation: string, start: number | undefined): void {
  const perf = timing();
  if (start === undefined || !perf?.measure) return;
  const name = bridgeMeasureOf(operation);
  perf.clearMeasures(name);
  perf.measure(name, { start, end: perf.now() });
}
