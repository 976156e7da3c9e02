import type { RecordedRequest } from '../../simulator';

// Requests to ConsCent one agent action made, and how many round trips lay on its
// critical path: requests that overlap in time (sent side by side) share one round trip;
// one that starts after the previous ones ended adds one. Times come from the
// simulator's side (arrival, then close), in this process.

export interface TimedRequest {
  method: string;
  path: string;
  startMs: number;
  endMs: number;
}

/** Collects every answered request as the simulator reports it (its onRequest hook). */
export function requestRecorder() {
  const requests: TimedRequest[] = [];
  return {
    requests,
    onRequest(entry: RecordedRequest): void {
      requests.push({ method: entry.method, path: entry.path, startMs: Date.parse(entry.at), endMs: Date.now() });
    },
    clear: () => void requests.splice(0),
  };
}

export function roundTrips(requests: readonly TimedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.startMs - b.startMs);
  let trips = 0;
  let waveEnd = Number.NEGATIVE_INFINITY;
  for (const request of sorted) {
    if (request.startMs >= waveEnd) {
      trips += 1;
      waveEnd = request.endMs;
    } else waveEnd = Math.max(waveEnd, request.endMs);
  }
  return trips;
}
