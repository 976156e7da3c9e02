import { isDeepStrictEqual } from 'node:util';
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

// Retrying assertions for what the page shows. React fills a form after the answer it
// waits for arrives, so one read can see the form a moment early; these read again until
// the value is there or the time is up, then assert on the last read so a failure shows
// the difference. (playwright-core has no `expect`; this is the part of it we need.)

const DEFAULT_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

/** Asserts that `read()` answers `expected`, reading again until it does or `timeoutMs` has passed. */
export async function expectEventually<T>(read: () => Promise<T>, expected: T, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    actual = await read();
  }
  expect(actual).toEqual(expected);
}

/** Asserts an input's (or select's) value, waiting for the field to appear and to hold it. */
export function expectValue(field: Locator, expected: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  return expectEventually(() => field.inputValue({ timeout: timeoutMs }), expected, timeoutMs);
}

/** Asserts several fields' values at once, named as in `expected`. */
export function expectValues<K extends string>(
  fields: Record<K, Locator>,
  expected: Record<K, string>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  const names = Object.keys(fields) as K[];
  const read = async () =>
    Object.fromEntries(await Promise.all(names.map(async (n) => [n, await fields[n].inputValue({ timeout: timeoutMs })]))) as Record<K, string>;
  return expectEventually(read, expected, timeoutMs);
}
