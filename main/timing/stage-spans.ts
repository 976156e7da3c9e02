import { AsyncLocalStorage } from 'node:async_hooks';
import { MAIN_STAGES } from '../../common/user-timing-names';

// Main's share of each bridge call, stage by stage (issue 23): validation, the history's
// lines, the HTTP exchange, the response's parse. Nothing is recorded (and nothing is
// allocated) unless a recorder is installed: `npm run bench` installs one in its own
// process, where the console's main-process code runs; the app never does.

export { MAIN_STAGES };
export type MainStage = (typeof MAIN_STAGES)[keyof typeof MAIN_STAGES];
/** `operation`: the bridge operation the stage belongs to (what the page asked for), when known. */
export type StageRecorder = (stage: MainStage, ms: number, operation: string | undefined) => void;

let recorder: StageRecorder | undefined;
// Which bridge operation the running work serves, so stages of calls running side by side
// (the page asks for recent readers while a lookup answers) are told apart. Only used
// while a recorder is installed.
const operationOf = new AsyncLocalStorage<string>();

/** Installs (or, with undefined, removes) the one recorder of main's stages. */
export function recordMainStages(next: StageRecorder | undefined): void {
  recorder = next;
}

/** Runs `work`, telling the recorder how long it took; `operation` names the bridge call that `work` (and every stage in it) serves. */
export async function stage<T>(name: MainStage, work: () => Promise<T>, operation?: string): Promise<T> {
  if (!recorder) return work();
  const serves = operation ?? operationOf.getStore();
  const start = performance.now();
  try {
    return await (operation ? operationOf.run(operation, work) : work());
  } finally {
    recorder?.(name, performance.now() - start, serves);
  }
}

/** The same for synchronous work (a schema's parse). */
export function stageSync<T>(name: MainStage, work: () => T, operation?: string): T {
  if (!recorder) return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    recorder?.(name, performance.now() - start, operation ?? operationOf.getStore());
  }
}
