// The change history's figures (issue #10), measured in one run and printed as ratios to
// a floor measured in the same run: opening and filtering 100,000 entries against reading,
// decrypting (the lines are sealed, main/at-rest/) and parsing the same files once; resident memory with 100,000 entries against 1,000;
// appending one entry with fsync. `npm run bench` runs it; `tsx scripts/bench/history.ts`
// runs it alone. Figures also go to test-results/bench-history.json.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dataKeyOf, type DataKeyring } from '../../main/at-rest/data-key';
import { lineCodec } from '../../main/at-rest/sealed-text';
import { monthFiles } from '../../main/history/journal-files';
import { GENESIS, JOURNAL_VERSION, formatLine, hashLine, monthFileOf, type JournalLine } from '../../main/history/journal-lines';
import { openJournal } from '../../main/history/journal';

const ROOT = resolve(__dirname, '../..');
const BIG = 100_000;
const SMALL = 1_000;
const RUNS = 3;
const APPENDS = 100;
const CONNECTION = {
  connectionId: 'prod',
  name: 'Production',
  environment: 'production',
  host: 'api.conscent.in',
  baseUrl: 'https://api.conscent.in/api/v1',
  clientId: 'client-123',
} as const;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One data key for the bench and its memory probe's process: the files are sealed as the console seals them. */
const BENCH_KEY = dataKeyOf(Buffer.alloc(32, 7));
const BENCH_KEYS: DataKeyring = { get: async () => BENCH_KEY };
const codec = lineCodec(BENCH_KEY, 'history');

/** A history of `count` saved changes over ~10 months, 200 readers, with the full record each save returned. */
export async function writeHistory(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const start = Date.parse('2025-01-01T00:00:00Z');
  const step = Math.floor((300 * 24 * 3600 * 1000) / count);
  let prev = GENESIS;
  const files = new Map<string, string[]>();
  const push = (line: JournalLine) => {
    const text = formatLine(line);
    prev = hashLine(text);
    const name = monthFileOf(new Date(line.at));
    const list = files.get(name) ?? [];
    list.push(codec.seal(text));
    files.set(name, list);
  };
  for (let id = 1; id <= count; id += 1) {
    const reader = id % 200;
    const userId = reader.toString(16).padStart(24, 'a');
    const at = new Date(start + id * step).toISOString();
    const address = {
      name: 'Home',
      apartment: `${id} Park Street`,
      area: 'Bandra',
      pincode: '400050',
      landmark: 'Near the station',
      city: 'Mumbai',
      state: 'MH',
      country: 'IN',
    };
    push({
      v: JOURNAL_VERSION,
      type: 'pending',
      id,
      at,
      prev,
      agent: { osUser: 'maria', displayName: 'Maria K.' },
      machine: 'desk-12',
      connection: CONNECTION,
      userId,
      reader: { name: `Reader ${reader}`, email: `reader${reader}@example.com` },
      changes: [
        { field: 'phone', before: `98765${String(id - 1).padStart(5, '0')}`, after: `98765${String(id).padStart(5, '0')}` },
        { field: 'address', before: null, after: address },
      ],
    });
    push({
      v: JOURNAL_VERSION,
      type: 'outcome',
      id,
      at,
      prev,
      outcome: id % 50 === 0 ? 'failed' : 'saved',
      ...(id % 50 === 0
        ? { errorKind: 'server-error' as const }
        : {
            message: 'User Details Updated Successfully.',
            record: {
              status: 'ACTIVE',
              userId,
              name: `Reader ${reader}`,
              email: `reader${reader}@example.com`,
              countryCode: '+91',
              phone: `98765${String(id).padStart(5, '0')}`,
              gender: 'FEMALE',
              dateOfBirth: '1990-01-01T00:00:00.000Z',
              address,
              usedCoupons: [],
              clientSpecificIds: [],
              migrated: false,
              isPhoneVerified: true,
              isEmailVerified: true,
              shippingAddress: [{ ...address, _id: 'bbbbbbbbbbbbbbbbbbbbbbbb' }],
              billingAddress: [{ ...address, _id: 'cccccccccccccccccccccccc' }],
              createdAt: '2024-01-01T00:00:00.000Z',
              updatedAt: at,
            },
          }),
    });
  }
  for (const [name, lines] of files) await writeFile(join(dir, name), `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** The floor: read every file, decrypt and JSON.parse every line, once, nothing else. */
async function readAndParse(dir: string): Promise<number> {
  let lines = 0;
  for (const name of await monthFiles(dir)) {
    for (const line of (await readFile(join(dir, name), 'latin1')).split('\n')) {
      if (line) {
        const opened = codec.open(Buffer.from(line, 'latin1'));
        if (opened.kind !== 'open') throw new Error('the bench history does not open');
        JSON.parse(opened.bytes.toString('utf8'));
        lines += 1;
      }
    }
  }
  return lines;
}

async function openAndFilter(dir: string): Promise<void> {
  const journal = await openJournal({ dir, retentionDays: 3650, now: () => new Date('2025-12-01T00:00:00Z'), dataKeys: BENCH_KEYS });
  if (journal.problems().length > 0) throw new Error(`the bench history has problems: ${JSON.stringify(journal.problems()[0])}`);
  await journal.list({ reader: 'reader17@example.com' }, 0, 50);
  await journal.list({ outcome: 'failed', from: '2025-03-01T00:00:00Z' }, 0, 50);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Resident memory of a fresh process that opened the history in `dir` (run with --expose-gc). */
async function memoryProbe(dir: string): Promise<void> {
  const journal = await openJournal({ dir, retentionDays: 3650, now: () => new Date('2025-12-01T00:00:00Z'), dataKeys: BENCH_KEYS });
  await journal.list({}, 0, 50);
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(JSON.stringify({ rss: process.memoryUsage().rss, entries: (await journal.list({}, 0, 1)).all }));
}

function rssOfProcessThatOpened(dir: string): number {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--memory-probe', dir], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`memory probe failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { rss: number }).rss;
}

export type HistoryFigures = Awaited<ReturnType<typeof runHistoryBench>>;

export async function runHistoryBench() {
  // On the project's disk (not tmpfs), so the fsync figure is a real one.
  const base = join(ROOT, 'node_modules', '.cache');
  await mkdir(base, { recursive: true });
  const work = await mkdtemp(join(base, 'bench-history-'));
  try {
    const big = join(work, 'big');
    const small = join(work, 'small');
    await writeHistory(big, BIG);
    await writeHistory(small, SMALL);
    const floor: number[] = [];
    const open: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      floor.push(await timed(() => readAndParse(big)));
      open.push(await timed(() => openAndFilter(big)));
    }
    const rssBig = rssOfProcessThatOpened(big);
    const rssSmall = rssOfProcessThatOpened(small);

    const appendDir = join(work, 'append');
    const journal = await openJournal({ dir: appendDir, retentionDays: 180, dataKeys: BENCH_KEYS });
    const appends: number[] = [];
    for (let i = 0; i < APPENDS; i += 1) {
      appends.push(
        await timed(() =>
          journal.recordPending({
            agent: { osUser: 'maria' },
            machine: 'desk-12',
            connection: CONNECTION,
            userId: 'a'.repeat(24),
            reader: {},
            changes: [{ field: 'phone', before: null, after: '9876500000' }],
          }),
        ),
      );
    }
    const figures = {
      entries: BIG,
      floorReadParseMs: Math.round(median(floor)),
      openAndFilterMs: Math.round(median(open)),
      openRatio: Math.round((median(open) / median(floor)) * 100) / 100,
      openRatioGoal: 1.5,
      rssWith100kMB: Math.round(rssBig / 1024 / 1024),
      rssWith1kMB: Math.round(rssSmall / 1024 / 1024),
      rssGrowthMB: Math.round(((rssBig - rssSmall) / 1024 / 1024) * 10) / 10,
      rssGrowthGoalMB: 30,
      appendWithFsyncMedianMs: Math.round(median(appends) * 100) / 100,
    };
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await writeFile(join(ROOT, 'test-results', 'bench-history.json'), `${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function printHistoryFigures(f: HistoryFigures): void {
  console.log(`\n| change history, ${f.entries.toLocaleString('en')} entries | this run | floor / goal |\n| --- | --- | --- |`);
  console.log(
    `| open (read, hash-check, index) + two filters, median of ${RUNS} | ${f.openAndFilterMs} ms = ${f.openRatio}× the floor | read + JSON.parse once: ${f.floorReadParseMs} ms; goal ≤ ${f.openRatioGoal}×: ${met(f.openRatio <= f.openRatioGoal)} |`,
  );
  console.log(
    `| resident memory after opening | ${f.rssWith100kMB} MB (+${f.rssGrowthMB} MB) | ${f.rssWith1kMB} MB with 1,000 entries; goal < +${f.rssGrowthGoalMB} MB: ${met(f.rssGrowthMB < f.rssGrowthGoalMB)} |`,
  );
  console.log(`| append one entry with fsync, median of ${APPENDS} | ${f.appendWithFsyncMedianMs} ms | |`);
}

if (require.main === module) {
  const [flag, dir] = process.argv.slice(2);
  const run = flag === '--memory-probe' && dir ? memoryProbe(dir) : runHistoryBench().then(printHistoryFigures);
  run.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench-history: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
