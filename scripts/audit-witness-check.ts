import { parse } from 'csv-parse/sync';
import { AuditEvent } from '../main/audit/audit-event';
import { isRunnable } from '../main/exports/formula-escape';
import type { CSV_HEADER } from '../main/history/history-csv';
import { cellOf } from '../main/history/history-csv';

// The witness check (issue 20 item 4; docs/history.md "Checking a journal against the
// forwarded stream"): one machine's history export (the CSV the History screen saves)
// against what its console forwarded (a collector's file). The stream is the witness: an
// agent can clear, shorten or edit the local journal, but not what already reached the
// organisation's log.
//
// Reports, per entry id:
// - missing: forwarded, not in the export (and not covered by a Clear history or retention
//   purge the stream itself records: those are listed as cleared / purged);
// - extra: in the export, never forwarded;
// - altered: in both, but time, agent, computer, connection, reader, fields, outcome (or,
//   when values were forwarded, a value) differ;
// - not recorded: a change forwarded whose entry id the console gave again to the next
//   change: it died between writing the event and the journal line (never sent to ConsCent).

export type WitnessFinding = { entry: number; what: string };
export interface WitnessReport {
  machine: string;
  compared: number;
  missing: WitnessFinding[];
  extra: WitnessFinding[];
  altered: WitnessFinding[];
  cleared: number[];
  purged: number[];
  notRecorded: number[];
  /** The last head event: what the journal said it held. */
  head?: AuditEvent['head'] & { at: string };
  /** Lines of the collector's file that hold no event (other programs' messages). */
  skippedLines: number;
}

/** Every event in a collector's file: one a line, the JSON after whatever the collector put before it (header, BOM, octet count). */
export function eventsInCollectorFile(text: string): { events: AuditEvent[]; skipped: number } {
  const events: AuditEvent[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const line of text.split('\n')) {
    const start = line.indexOf('{"eventId":');
    if (start === -1) {
      if (line.trim() !== '') skipped += 1;
      continue;
    }
    let parsed: ReturnType<typeof AuditEvent.safeParse>;
    try {
      parsed = AuditEvent.safeParse(JSON.parse(line.slice(start)));
    } catch {
      skipped += 1;
      continue;
    }
    if (!parsed.success) skipped += 1;
    // A repeat (same event id) is the same event sent twice: kept once.
    else if (!seen.has(parsed.data.eventId)) {
      seen.add(parsed.data.eventId);
      events.push(parsed.data);
    }
  }
  return { events: events.sort((a, b) => a.seq - b.seq), skipped };
}

type ExportedEntry = {
  at: string;
  outcome: string;
  osUser: string;
  displayName: string;
  machine: string;
  connection: string;
  environment: string;
  host: string;
  readerId: string;
  fields: Map<string, { before: string; after: string }>;
};

/** The export's rows grouped by entry (one row per changed field); formula escapes undone. */
export function entriesInExport(csv: string): Map<number, ExportedEntry> {
  const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const cell = (row: Record<string, string>, column: (typeof CSV_HEADER)[number]) => {
    const value = row[column] ?? '';
    return value.startsWith("'") && isRunnable(value.slice(1)) ? value.slice(1) : value;
  };
  const entries = new Map<number, ExportedEntry>();
  for (const row of rows) {
    const id = Number(cell(row, 'entry'));
    const entry = entries.get(id) ?? {
      at: cell(row, 'time (UTC)'),
      outcome: cell(row, 'outcome'),
      osUser: cell(row, 'agent OS user'),
      displayName: cell(row, 'agent display name'),
      machine: cell(row, 'computer'),
      connection: cell(row, 'connection'),
      environment: cell(row, 'environment'),
      host: cell(row, 'host'),
      readerId: cell(row, 'user id'),
      fields: new Map(),
    };
    entry.fields.set(cell(row, 'field'), { before: cell(row, 'before'), after: cell(row, 'after') });
    entries.set(id, entry);
  }
  return entries;
}

export function witness(events: readonly AuditEvent[], exported: Map<number, ExportedEntry>, machine?: string): WitnessReport {
  const name = machine ?? [...exported.values()][0]?.machine ?? events.find((e) => e.kind === 'change')?.machine ?? '';
  const mine = events.filter((e) => e.machine === name);
  // The export holds only what followed the last Clear history: only that is compared.
  const lastClear = mine.findLastIndex((e) => e.kind === 'history-cleared');
  const before = mine.slice(0, lastClear + 1);
  const after = mine.slice(lastClear + 1);
  const cleared = before.filter((e) => e.kind === 'change').map((e) => e.journal?.entryId ?? 0);

  const changes = new Map<number, AuditEvent>();
  const notRecorded: number[] = [];
  const outcomes = new Map<number, AuditEvent>();
  for (const event of after) {
    const id = event.journal?.entryId;
    if (!id) continue;
    if (event.kind === 'change') {
      // The same id given twice: the first event's line never reached the journal.
      if (changes.has(id)) notRecorded.push(id);
      changes.set(id, event);
      outcomes.delete(id);
    } else if (event.kind === 'outcome') outcomes.set(id, event);
  }
  const purges = after.filter((e) => e.kind === 'retention-purge' && e.mark?.retentionDays);
  const purgedBefore = (at: string) => purges.some((p) => Date.parse(at) < Date.parse(p.at) - (p.mark?.retentionDays ?? 0) * 86_400_000);

  const report: WitnessReport = {
    machine: name,
    compared: 0,
    missing: [],
    extra: [],
    altered: [],
    cleared,
    purged: [],
    notRecorded,
    skippedLines: 0,
  };
  for (const [id, change] of changes) {
    const entry = exported.get(id);
    if (!entry) {
      if (purgedBefore(change.at)) report.purged.push(id);
      else report.missing.push({ entry: id, what: `forwarded at ${change.at}, not in the export` });
      continue;
    }
    report.compared += 1;
    const differences = differ(change, outcomes.get(id), entry);
    if (differences.length > 0) report.altered.push({ entry: id, what: differences.join('; ') });
  }
  for (const id of exported.keys()) if (!changes.has(id)) report.extra.push({ entry: id, what: 'in the export, never forwarded' });
  const head = mine.findLast((e) => e.kind === 'head');
  if (head?.head) report.head = { ...head.head, at: head.at };
  return report;
}

function differ(change: AuditEvent, outcome: AuditEvent | undefined, entry: ExportedEntry): string[] {
  const out: string[] = [];
  const check = (what: string, forwarded: string | undefined, local: string) => {
    if ((forwarded ?? '') !== local) out.push(`${what}: forwarded "${forwarded ?? ''}", export "${local}"`);
  };
  check('time', change.at, entry.at);
  check('agent', change.agent?.osUser, entry.osUser);
  check('display name', change.agent?.displayName, entry.displayName);
  check('computer', change.machine, entry.machine);
  check('connection', change.connection?.name, entry.connection);
  check('environment', change.connection?.environment, entry.environment);
  check('host', change.connection?.host, entry.host);
  check('reader', change.readerId, entry.readerId);
  check('fields', [...(change.fields ?? [])].sort().join(','), [...entry.fields.keys()].sort().join(','));
  check('outcome', outcome?.outcome ?? 'unknown', entry.outcome);
  for (const value of change.changes ?? []) {
    const local = entry.fields.get(value.field);
    if (!local) continue;
    check(`${value.field} before`, cellOf(value.before), local.before);
    check(`${value.field} after`, cellOf(value.after), local.after);
  }
  return out;
}

/** The report as an auditor reads it. */
export function describeWitness(report: WitnessReport): string {
  const list = (title: string, findings: readonly WitnessFinding[]) =>
    findings.length === 0 ? [`${title}: none`] : [`${title}: ${findings.length}`, ...findings.map((f) => `  entry ${f.entry}: ${f.what}`)];
  const ids = (title: string, entries: readonly number[]) => `${title}: ${entries.length === 0 ? 'none' : entries.join(', ')}`;
  return [
    `Computer ${report.machine}: ${report.compared} entries in both`,
    ...list('Missing from the export (forwarded, not in the local history)', report.missing),
    ...list('Extra in the export (never forwarded)', report.extra),
    ...list('Altered (the export differs from what was forwarded)', report.altered),
    ids('Removed by Clear history (the stream records it)', report.cleared),
    ids('Removed by the retention purge (the stream records it)', report.purged),
    ids('Forwarded but never recorded (the console stopped between the two writes; never sent to ConsCent)', report.notRecorded),
    report.head
      ? `Last head event (${report.head.at}): ${report.head.lines} lines, newest entry ${report.head.lastEntryId}, hash ${report.head.lastHash}`
      : 'No head event received',
    ...(report.skippedLines > 0 ? [`${report.skippedLines} lines of the collector's file held no console event`] : []),
  ].join('\n');
}
