import type { Logger } from '../../main/logging/logger';

/** A Logger that writes nothing, for tests that are not about the support log. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
