import type { Page } from 'playwright-core';
import { MAIN_STAGES, bridgeMeasureOf } from '../../common/user-timing-names';
import { recordMainStages, type MainStage } from '../../main/timing/stage-spans';

// Where one agent action's time goes (issue 23), stage by stage: on the page, until the
// bridge is called (React's event handling); the bridge call as the page sees it, split
// into main's own stages (main/timing/stage-spans.ts) and the transport between page and
// main; and from the answer to the painted screen (React render, commit, the frame). Here
// the transport is the bench's harness (a Playwright binding into this Node process, see
// scripts/chromium-shell), not Electron's IPC, so it is reported on its own line.

export type StageFigures = {
  pageToBridge: number;
  transport: number;
  validate: number;
  historyPending: number;
  http: number;
  parse: number;
  historyOutcome: number;
  recentReaders: number;
  mainOther: number;
  answerToPaint: number;
};

export const STAGE_COLUMNS: Array<[keyof StageFigures, string]> = [
  ['pageToBridge', 'page → bridge'],
  ['validate', 'main: validate'],
  ['historyPending', 'main: pending line + fsync'],
  ['http', 'main: HTTP (axios)'],
  ['parse', 'main: response parse'],
  ['historyOutcome', 'main: outcome line'],
  ['recentReaders', 'main: recent readers file'],
  ['mainOther', 'main: rest'],
  ['answerToPaint', 'answer → painted (render, commit, frame)'],
  ['transport', 'harness transport (not Electron IPC)'],
];

/** Collects main's stages in this process while an action runs, by the bridge operation they serve. */
export function mainStageRecorder() {
  let seen: Array<[MainStage, number, string | undefined]> = [];
  recordMainStages((name, ms, operation) => void seen.push([name, ms, operation]));
  return {
    clear: () => void (seen = []),
    /** Sums per stage, but HTTP exchanges sent side by side count once (the longest). */
    totals(operation: string): Record<MainStage, number> {
      const totals = Object.fromEntries(Object.values(MAIN_STAGES).map((name) => [name, 0])) as Record<MainStage, number>;
      for (const [name, ms, of] of seen)
        if (of === operation) totals[name] = name === MAIN_STAGES.http ? Math.max(totals[name], ms) : totals[name] + ms;
      return totals;
    },
    stop: () => recordMainStages(undefined),
  };
}

/** The action's measure and its bridge call's span on the page, with main's stages: the stage figures. */
export async function stagesOf(page: Page, actionMeasure: string, operation: string, main: Record<MainStage, number>): Promise<StageFigures> {
  const spans = await page.evaluate(
    ([action, bridge]) => {
      const a = performance.getEntriesByName(action!, 'measure').at(-1)!;
      const b = performance.getEntriesByName(bridge!, 'measure').at(-1)!;
      return { actionStart: a.startTime, actionEnd: a.startTime + a.duration, bridgeStart: b.startTime, bridgeEnd: b.startTime + b.duration };
    },
    [actionMeasure, bridgeMeasureOf(operation)] as const,
  );
  const mainTotal = main[MAIN_STAGES.validate] + main[MAIN_STAGES.handler];
  const own =
    main[MAIN_STAGES.historyPending] +
    main[MAIN_STAGES.http] +
    main[MAIN_STAGES.parse] +
    main[MAIN_STAGES.historyOutcome] +
    main[MAIN_STAGES.recentReaders];
  return {
    pageToBridge: spans.bridgeStart - spans.actionStart,
    transport: spans.bridgeEnd - spans.bridgeStart - mainTotal,
    validate: main[MAIN_STAGES.validate],
    historyPending: main[MAIN_STAGES.historyPending],
    http: main[MAIN_STAGES.http],
    parse: main[MAIN_STAGES.parse],
    historyOutcome: main[MAIN_STAGES.historyOutcome],
    recentReaders: main[MAIN_STAGES.recentReaders],
    mainOther: Math.max(0, main[MAIN_STAGES.handler] - own),
    answerToPaint: spans.actionEnd - spans.bridgeEnd,
  };
}
