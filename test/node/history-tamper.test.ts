import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readOpenLines } from '../helpers/sealed-lines';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryPage, HistoryPreferences } from '../../common/history-schemas';
import { createMemoryChainKeychain, type ChainKeychain } from '../../main/history/chain-keychain';
import { createHistoryService, type HistoryService } from '../../main/history/history-service';
import type { Logger } from '../../main/logging/logger';
import { KeychainError } from '../../main/credentials/keychain-errors';
import { ORIGIN, STORED_CONNECTION as CONNECTION, manualClock, record } from './history-fixtures';

// Issue 18, item 3: the seven ways a real journal was shown to be cut, rewritten or erased
// without a trace, each run on real files, and what the service then tells the History
// screen (test/dom/history-tamper-words.test.tsx words the same answers). The key and the
// signed tail are in a keychain the "attacker" cannot read: only the files are touched.

const USER = '681c74b2333e169d16a7e58b';
const NOV = '2025-11.jsonl';
const DEC = '2025-12.jsonl';

let dir: string;
let keychain: ChainKeychain;
let preferences: HistoryPreferences | undefined;
let confirmed: number[];
let logged: string[];
const clock = manualClock('2025-11-10T10:00:00.000Z');
const logger: Logger = {
  info: (event) => void logged.push(event),
  warn: (event) => void logged.push(event),
  error: (event) => void logged.push(event),
};

/** The console started (again) over the same folder and the same keychain. */
function console_(chain: ChainKeychain = keychain): HistoryService {
  return createHistoryService({
    dir: join(dir, 'history'),
    preferences: async () => preferences,
    savePreferences: async (p) => void (preferences = p),
    savedConnections: async () => [CONNECTION],
    chooseExportPath: async () => null,
    identity: () => ({ osUser: 'maria', machine: 'desk-12' }),
    now: clock.now,
    keychain: chain,
    logger,
    confirmClear: async (entries) => (confirmed.push(entries), true),
  });
}

async function save(service: HistoryService, phone: string): Promise<number> {
  const id = await service.begin({ connection: CONNECTION, userId: USER, changes: { phone }, before: undefined });
  clock.advance(1000);
  await service.finish(id, { ok: true, message: 'ok', record: record({ phone }) });
  clock.advance(60_000);
  return id;
}

const file = (name: string) => join(dir, 'history', name);
// Opened (the attacker here holds the data key, not the signing key); written back plain, as older lines were.
const linesOf = (name: string) => readOpenLines(join(dir, 'history'), file(name));
const writeLines = (name: string, lines: string[]) => writeFile(file(name), `${lines.join('\n')}\n`);

/** Changes 1–3 in November, 4–6 in December: two lines each, so six lines per file. */
async function sixChanges(): Promise<void> {
  const service = console_();
  for (const phone of ['9000000001', '9000000002', '9000000003']) await save(service, phone);
  clock.set('2025-12-05T10:00:00.000Z');
  for (const phone of ['9000000004', '9000000005', '9000000006']) await save(service, phone);
}

/** Rewrites change 2's phone and recomputes every `prev` after it with `hash`. */
async function rewriteChange2(hash: (line: string) => string): Promise<void> {
  const nov = await linesOf(NOV);
  const dec = await linesOf(DEC);
  const all = [...nov, ...dec].map((line) => JSON.parse(line) as Record<string, unknown>);
  all[2] = { ...all[2], changes: [{ field: 'phone', before: null, after: '9999999999' }] };
  const text: string[] = [];
  all.forEach((line, i) => {
    const next = i > 2 ? { ...line, prev: hash(text[i - 1]!) } : line;
    text.push(JSON.stringify(next));
  });
  await writeLines(NOV, text.slice(0, nov.length));
  await writeLines(DEC, text.slice(nov.length));
}

async function reopened(): Promise<HistoryPage> {
  return console_().list({}, 0, 100);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-history-tamper-'));
  keychain = createMemoryChainKeychain();
  preferences = undefined;
  confirmed = [];
  logged = [];
  clock.set('2025-11-10T10:00:00.000Z');
  await sixChanges();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the seven tamper cases, and what the History screen is told', () => {
  it('1. cutting the last lines: reported by file and entry, and still reported after the next save', async () => {
    await writeLines(DEC, (await linesOf(DEC)).slice(0, 4));
    const page = await reopened();
    expect(page.problems).toEqual([
      {
        file: DEC,
        line: 5,
        entryId: 6,
        problem:
          'The history ends early: its last 2 lines were removed outside the console (it was last written with change 6; it now ends with change 5).',
      },
    ]);
    expect(page.integrity).toMatchObject({ damaged: true });
    expect(logged).toContain('history.damage-found');

    // The next save moves the tail on: the cut must not vanish with it.
    await save(console_(), '9000000007');
    const later = await reopened();
    expect(later.events).toContainEqual(
      expect.objectContaining({ what: 'damage-found', found: [expect.stringMatching(/^2025-12\.jsonl, line 5: The history ends early/)] }),
    );
    expect(later.integrity).toMatchObject({ damaged: true });
  });

  it('2. deleting the newest month file: that file is named, with the change it held last', async () => {
    await rm(file(DEC));
    const page = await reopened();
    expect(page.problems).toEqual([
      {
        file: DEC,
        line: 0,
        entryId: 6,
        problem: 'This file is missing: it held the newest lines of the history, up to change 6 (6 lines). It was removed outside the console.',
      },
    ]);
  });

  it('3. deleting the oldest month plus a hand-written anchor.json: the start is reported, the anchor counts for nothing', async () => {
    const firstKept = JSON.parse((await linesOf(DEC))[0]!) as { prev: string };
    await rm(file(NOV));
    await writeFile(
      file('anchor.json'),
      JSON.stringify({ prev: firstKept.prev, purgedBefore: '2025-12-01T00:00:00.000Z', at: '2025-12-06T00:00:00.000Z' }),
    );
    const page = await reopened();
    expect(page.problems).toEqual([
      {
        file: DEC,
        line: 1,
        entryId: 4,
        problem: expect.stringMatching(/^The history does not start where it should: its oldest entries \(or a whole month file\) were removed/),
      },
    ]);
    expect(page.entries.map((e) => e.id)).toEqual([6, 5, 4]);
  });

  it.each([
    ['4. rewriting an entry with the SHA-256 chain recomputed', (line: string) => createHash('sha256').update(line).digest('hex')],
    ['5. rewriting an entry with a made-up HMAC key', (line: string) => createHmac('sha256', randomBytes(32)).update(line).digest('hex')],
  ])('%s: the break is shown where the rewrite is, once, and the end no longer matches', async (_name, hash) => {
    // One made-up key for the whole rewrite, as an attacker would use.
    const key = randomBytes(32);
    await rewriteChange2(_name.startsWith('5') ? (line) => createHmac('sha256', key).update(line).digest('hex') : hash);
    const page = await reopened();
    expect(page.problems).toEqual([
      {
        file: NOV,
        line: 4,
        entryId: 2,
        problem:
          "The chain is broken here: the line before this one was changed, or lines were removed or added, outside the console. The 8 lines after it do not chain either: they were re-chained outside the console, without this computer's key.",
      },
      {
        file: DEC,
        line: 0,
        entryId: 6,
        problem:
          'The lines the console wrote last (up to change 6) are not there as they were written: they were changed or replaced outside the console.',
      },
    ]);
    // What a later edit or revert would start from is marked, never used silently.
    const remembered = await console_().remembered(ORIGIN, USER);
    expect(remembered).toMatchObject({ damaged: true, from: 'history' });
    expect(await console_().prepareRevert(6)).toMatchObject({ fromDamagedHistory: true });
  });

  it('6. Clear history: main confirms it itself, and a signed tombstone says who cleared how many', async () => {
    const service = console_();
    expect(await service.clear()).toEqual({ removed: 6 });
    expect(confirmed).toEqual([6]);
    const page = await reopened();
    expect(page).toMatchObject({ all: 0, problems: [] });
    expect(page.events).toEqual([{ what: 'cleared', at: expect.any(String), agent: { osUser: 'maria' }, machine: 'desk-12', entries: 6 }]);
    expect(logged).toContain('history.cleared');
    // The new chain starts from the tombstone: the next change is checked against it.
    await save(console_(), '9000000008');
    expect((await reopened()).problems).toEqual([]);
  });

  it('7. a 1-day retention erasing everything: the change and the purge are both recorded', async () => {
    const service = console_();
    await service.saveSettings({ displayName: '', retentionDays: 1 });
    expect((await service.list({}, 0, 10)).events).toEqual([
      expect.objectContaining({ what: 'retention-changed', retentionDays: 1, previousDays: 180, entries: 6, agent: { osUser: 'maria' } }),
    ]);
    clock.advance(3 * 24 * 60 * 60 * 1000);
    const page = await reopened();
    expect(page).toMatchObject({ all: 0, problems: [] });
    expect(page.events).toEqual([expect.objectContaining({ what: 'purged', entries: 6, retentionDays: 1 })]);
    expect(logged).toEqual(expect.arrayContaining(['history.retention-changed', 'history.purged']));
  });
});

describe('the key and the tail', () => {
  it('a keychain reset (key missing): a new key signs from here, the old entries are marked as not verifiable', async () => {
    const page = await console_(createMemoryChainKeychain()).list({}, 0, 100);
    expect(page.integrity).toEqual({ unsignedEntries: 0, unverifiableEntries: 6, damaged: true });
    expect(page.entries.every((entry) => entry.unverifiable)).toBe(true);
    expect(page.events).toEqual([expect.objectContaining({ what: 'new-key' })]);
    expect(logged).toContain('history.key-missing');
  });

  it('a locked keychain is not a lost key: the history does not open, says why, and nothing is written', async () => {
    const locked: ChainKeychain = {
      read: () => Promise.reject(new KeychainError('locked')),
      write: () => Promise.reject(new KeychainError('locked')),
    };
    // libsecret answers a read in a locked keychain with "nothing found"; only the write fails.
    const lockedLooksEmpty: ChainKeychain = { ...locked, read: async () => null };
    const before = await linesOf(DEC);
    for (const keychainNow of [locked, lockedLooksEmpty]) {
      await expect(console_(keychainNow).list({}, 0, 10)).rejects.toMatchObject({ facts: { kind: 'keychain', reason: 'locked' } });
    }
    expect(await linesOf(DEC)).toEqual(before);
    // Unlocked again: the history opens whole, nothing marked as lost.
    const page = await reopened();
    expect(page).toMatchObject({ problems: [], events: [], integrity: { unverifiableEntries: 0, damaged: false } });
  });

  it('the key is read from the keychain once per session and is in no file', async () => {
    let reads = 0;
    const counting: ChainKeychain = { read: () => (reads++, keychain.read()), write: (secret) => keychain.write(secret) };
    const service = console_(counting);
    await save(service, '9000000009');
    await service.list({}, 0, 10);
    await service.remembered(ORIGIN, USER);
    expect(reads).toBe(1);
    const key = (await keychain.read())!.key;
    for (const name of await readdir(join(dir, 'history'))) {
      const text = await readFile(file(name), 'utf8');
      expect(text).not.toContain(key.toString('base64'));
      expect(text).not.toContain(key.toString('hex'));
    }
  });

  it('an older SHA-256 history still opens: its old part checks with the old rule, and where signing starts is said', async () => {
    const old = join(dir, 'history');
    await rm(old, { recursive: true });
    // Written as the previous version wrote it: SHA-256 chain from 64 zeros, no keychain.
    const lines: string[] = [];
    let prev = '0'.repeat(64);
    for (const [i, at] of ['2025-11-01T10:00:00.000Z', '2025-11-01T10:00:01.000Z'].entries()) {
      const line =
        i === 0
          ? {
              v: 1,
              type: 'pending',
              id: 1,
              at,
              prev,
              agent: { osUser: 'maria' },
              machine: 'desk-12',
              connection: {
                connectionId: 'local',
                name: 'Local simulator',
                environment: 'custom',
                host: '127.0.0.1:4010',
                baseUrl: CONNECTION.baseUrl,
                clientId: 'demo-client',
              },
              userId: USER,
              reader: {},
              changes: [{ field: 'phone', before: null, after: '9000000001' }],
            }
          : { v: 1, type: 'outcome', id: 1, at, prev, outcome: 'saved', message: 'ok' };
      const text = JSON.stringify(line);
      lines.push(text);
      prev = createHash('sha256').update(text).digest('hex');
    }
    const { mkdir } = await import('node:fs/promises');
    await mkdir(old, { recursive: true });
    await writeLines(NOV, lines);
    keychain = createMemoryChainKeychain();
    const first = await reopened();
    expect(first.problems).toEqual([]);
    expect(first.integrity).toEqual({ unsignedEntries: 1, signedFrom: { file: DEC, line: 1 }, unverifiableEntries: 0, damaged: false });
    await save(console_(), '9000000002');
    const again = await reopened();
    expect(again.problems).toEqual([]);
    expect(again.integrity).toMatchObject({ unsignedEntries: 1, signedFrom: { file: DEC, line: 1 } });
    expect(again.all).toBe(2);
  });
});
