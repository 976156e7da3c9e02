import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthFiles } from '../../main/history/journal-files';
import { eventsOf, oneTo, summary } from '../helpers/audit-collector';
import { startRsyslog, type RunningRsyslog } from '../helpers/rsyslog';
import { consoleKeyring, readOpenLines } from '../helpers/sealed-lines';
import { tempFolders } from '../helpers/temp-folders';

// Issue 20 "Faults": the console's process SIGKILLed between the journal write and the
// send, 20 times: half at a random moment of a stream of saves (inside an outbox append,
// between the outbox and the journal, between the journal and the send, mid-send, before
// the acknowledgement is written), half exactly between a change's outbox line and its
// journal line (kill-points.ts, "pending:n"). Then one more start drains the outbox.
// Afterwards every event the outbox numbered is at the collector (seq 1..last, no gap), in
// order of first arrival, and every line of the journal has its event.

const CHILD = fileURLToPath(new URL('../helpers/audit-crash-child.ts', import.meta.url));
const KILL_POINTS = fileURLToPath(new URL('../helpers/kill-points.ts', import.meta.url));
const KILLS = 20;

const newDir = tempFolders('conscent-audit-crash-');
let rsyslog: RunningRsyslog;
beforeAll(async () => {
  rsyslog = await startRsyslog();
}, 30_000);
afterAll(() => rsyslog?.dispose());

function run(
  dir: string,
  mode: 'save' | 'drain',
  killAt = '',
  killAfterMs?: number,
): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', KILL_POINTS, CHILD, dir, String(rsyslog.tcpPort), mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CC_KILL_AT: killAt },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (killAfterMs !== undefined && stdout.includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, stdout, stderr })));
}

describe('a console killed between the journal and the collector', () => {
  it(`loses no event over ${KILLS} kills, and delivers them in order`, async () => {
    const dir = newDir();
    const before = (await rsyslog.received()).length;
    for (let i = 0; i < KILLS; i += 1) {
      const exact = i % 2 === 1;
      const { signal, stderr } = exact
        ? await run(dir, 'save', `pending:${1 + Math.floor(Math.random() * 12)}`)
        : await run(dir, 'save', '', 30 + Math.floor(Math.random() * 400));
      expect(signal, stderr).toBe('SIGKILL');
    }
    const drained = await run(dir, 'drain');
    expect(drained.stdout, drained.stderr).toContain('drained');

    const cursor = JSON.parse(await readFile(join(dir, 'audit', 'cursor.json'), 'utf8')) as { lastSeq: number; acked: number };
    expect(cursor.acked).toBe(cursor.lastSeq);
    const mine = eventsOf(await rsyslog.received()).slice(before);
    const { unique, seqs, duplicates, inOrder } = summary(mine);
    expect(seqs).toEqual(oneTo(cursor.lastSeq));
    expect(inOrder).toBe(true);

    const history = join(dir, 'history');
    const lines = (await Promise.all((await monthFiles(history)).map((name) => readOpenLines(consoleKeyring(dir), join(history, name))))).flat();
    const journalLines = lines.map((text) => JSON.parse(text) as { type: string; prev: string; id?: number });
    const sent = new Set(
      unique.flatMap((d) => (d.event.journal ? [`${d.event.journal.line} ${d.event.journal.entryId ?? '-'} ${d.event.journal.prev}`] : [])),
    );
    const missing = journalLines.filter((line) => !sent.has(`${line.type} ${line.id ?? '-'} ${line.prev}`));
    expect(missing).toEqual([]);
    // Events for lines the journal never got: the console died between the two writes.
    const written = new Set(journalLines.map((line) => `${line.type} ${line.id ?? '-'} ${line.prev}`));
    const notRecorded = [...sent].filter((key) => !written.has(key)).length;
    console.log(
      `killed ${KILLS} times: ${journalLines.length} journal lines, ${cursor.lastSeq} events, ${mine.length} messages received, ${duplicates} repeats, ${notRecorded} events for lines never written`,
    );
  }, 240_000);
});
