import type { RecordedRequest } from './options';

// What the simulator was asked, for tests to assert on. Bounded so a long demo or a
// benchmark cannot grow it without limit; never holds credentials, by construction:
// entries are built from method, path, query and body only.

export const REQUEST_LOG_LIMIT = 5_000;

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private nextSeq = 1;

  constructor(private readonly limit: number = REQUEST_LOG_LIMIT) {}

  start(fields: Omit<RecordedRequest, 'seq' | 'at' | 'status'>): RecordedRequest {
    const entry: RecordedRequest = { seq: this.nextSeq++, at: new Date().toISOString(), status: null, ...fields };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  snapshot(): ReadonlyArray<RecordedRequest> {
    return Object.freeze(this.entries.map((entry) => Object.freeze({ ...entry })));
  }

  clear(): void {
    this.entries = [];
  }
}

/** The body as a test wants to see it: parsed JSON when it is JSON, else the text. */
export function bodyForLog(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
