import type { z } from 'zod';
import type { AppEventsBridge } from './app-events';
import { AUDIT_REQUEST_SCHEMAS, type AuditResults } from './audit-contract';
import { BULK_REQUEST_SCHEMAS, type BulkResults } from './bulk-contract';
import type { OperationName, WITHOUT_REQUEST } from './channels';
import { CONNECTION_REQUEST_SCHEMAS, type ConnectionResults } from './connections-contract';
import { HISTORY_REQUEST_SCHEMAS, type HistoryResults } from './history-contract';
import { READER_REQUEST_SCHEMAS, type ReaderResults } from './readers-contract';
import { RECENT_READERS_REQUEST_SCHEMAS, type RecentReadersResults } from './recent-readers-contract';
import type { Result } from './result';
import { POLICY_REQUEST_SCHEMAS, type PolicyResults } from './policy-contract';
import { WINDOWS_REQUEST_SCHEMAS, type WindowsResults } from './windows-contract';

// The one contract of the bridge between renderer and main, as one table by operation:
// its channel (channels.ts, which the preload bundles), its request schema (validated in
// main) and its result type (in each slice's *-contract.ts: connections, readers,
// history, bulk, recent readers, audit, windows, policy). The bridge's type, the preload, the renderer's
// safe wrapper and main's registration are all derived from it. Results are plain types,
// not schemas: main builds them, nothing parses them.

/** Request schemas by operation (main validates every payload with these); `null` for WITHOUT_REQUEST. */
export const REQUEST_SCHEMAS = {
  ...CONNECTION_REQUEST_SCHEMAS,
  ...READER_REQUEST_SCHEMAS,
  ...HISTORY_REQUEST_SCHEMAS,
  ...BULK_REQUEST_SCHEMAS,
  ...RECENT_READERS_REQUEST_SCHEMAS,
  ...AUDIT_REQUEST_SCHEMAS,
  ...WINDOWS_REQUEST_SCHEMAS,
  ...POLICY_REQUEST_SCHEMAS,
} as const satisfies Record<OperationName, z.ZodType | null>;

/** What each operation answers inside an ok Result. Types only: main builds them, nothing parses them. */
export type OperationResults = ConnectionResults &
  ReaderResults &
  HistoryResults &
  BulkResults &
  RecentReadersResults &
  AuditResults &
  WindowsResults &
  PolicyResults;

type Schemas = typeof REQUEST_SCHEMAS;
/** The request the page sends: the schema's input. */
export type RequestOf<K extends OperationName> = Schemas[K] extends z.ZodType ? z.input<Schemas[K]> : undefined;
/** The request main's use-case gets, once validated: the schema's output. */
export type ValidRequestOf<K extends OperationName> = Schemas[K] extends z.ZodType ? z.output<Schemas[K]> : undefined;
export type ResultOf<K extends OperationName> = OperationResults[K];

/** One method of the bridge: one argument (none for WITHOUT_REQUEST), and a Result. */
export type OperationMethod<K extends OperationName> = Schemas[K] extends z.ZodType
  ? (request: z.input<Schemas[K]>) => Promise<Result<OperationResults[K]>>
  : () => Promise<Result<OperationResults[K]>>;

/**
 * The bridge as the renderer sees it on `window.conscent`, derived from the table: one
 * method per operation, and the one subscription to what main says on its own (links,
 * menu commands; app-events.ts).
 */
export type ConsoleBridge = { readonly [K in OperationName]: OperationMethod<K> } & AppEventsBridge;

// Compile-time ties between the parts of the table: an operation with a channel but no
// schema or no result type (or the other way round), or a `null` schema that is not in
// WITHOUT_REQUEST, fails `npm run typecheck` here. (`satisfies` above does not see extra
// keys that arrive by spread.)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type WithoutSchema = { [K in OperationName]: Schemas[K] extends null ? K : never }[OperationName];
export type BridgeTableChecks = [
  Holds<Same<keyof Schemas, OperationName>>,
  Holds<Same<keyof OperationResults, OperationName>>,
  Holds<Same<WithoutSchema, (typeof WITHOUT_REQUEST)[number]>>,
];

export { BRIDGE_CHANNELS, BRIDGE_GLOBAL, OPERATION_NAMES, WITHOUT_REQUEST, type OperationName } from './channels';
