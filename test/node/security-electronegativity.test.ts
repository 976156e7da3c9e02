import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyReviews, summaryLines, toCsv, type Finding, type ReviewedEntry } from '../../scripts/electronegativity-report';
import { loadConfig, loadRunner, scanTarget, stageTarget } from '../../scripts/electronegativity-scan';
import { ROOT, repoText } from '../helpers/repo-files';

// The advisory electronegativity scan (scripts/electronegativity*.ts): that a finding
// without a recorded decision is reported as such, that the config only names checks the
// scanner has and agrees with docs/security.md, and that the scanner really runs here
// and flags a window that turns Node on.

const finding = (over: Partial<Finding>): Finding => ({
  target: 'built',
  check: 'OPEN_EXTERNAL_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'TENTATIVE',
  file: 'out/main/index.js',
  location: '1:1',
  sample: '',
  description: 'Review the use of openExternal',
  ...over,
});
const entry = (over: Partial<ReviewedEntry>): ReviewedEntry => ({
  target: 'built',
  check: 'OPEN_EXTERNAL_JS_CHECK',
  file: 'out/main/index.js',
  count: 1,
  decision: 'false positive',
  why: 'only https URLs reach it, see checklist 15',
  ...over,
});

describe('reviewing findings', () => {
  it('marks a finding reviewed only for the same target, check and file', () => {
    const outcome = applyReviews(
      [finding({}), finding({ target: 'sources' }), finding({ check: 'DANGEROUS_FUNCTIONS_JS_CHECK' }), finding({ file: 'out/main/other.js' })],
      [entry({})],
    );
    expect(outcome.findings.map((f) => f.review?.decision ?? 'none')).toEqual(['false positive', 'none', 'none', 'none']);
    expect(outcome.unreviewed).toHaveLength(3);
  });

  it('covers only as many findings as the decision counts: a second openExternal call is new', () => {
    const outcome = applyReviews([finding({ location: '1:1' }), finding({ location: '9:9' })], [entry({})]);
    expect(outcome.unreviewed.map((f) => f.location)).toEqual(['9:9']);
    expect(summaryLines(['built'], outcome).join('\n')).toMatch(/NOT REVIEWED[\s\S]*1 finding\(s\) not reviewed/);
  });

  it('matches hashed bundle names with * inside one path segment only', () => {
    const reviewed = [entry({ file: 'out/renderer/assets/index-*.js' })];
    expect(applyReviews([finding({ file: 'out/renderer/assets/index-CdbgDm_J.js' })], reviewed).unreviewed).toEqual([]);
    expect(applyReviews([finding({ file: 'out/renderer/assets/x/index-a.js' })], reviewed).unreviewed).toHaveLength(1);
  });

  it('reports decisions whose finding went away, and counts by severity', () => {
    const outcome = applyReviews([finding({ severity: 'HIGH', check: 'CONTEXT_ISOLATION_JS_CHECK' })], [entry({})]);
    const lines = summaryLines(['built', 'sources'], outcome);
    expect(lines[0]).toBe('built: 1 finding(s): HIGH 1, MEDIUM 0, LOW 0, INFORMATIONAL 0');
    expect(lines[1]).toBe('sources: 0 finding(s): HIGH 0, MEDIUM 0, LOW 0, INFORMATIONAL 0');
    expect(lines.join('\n')).toContain('no OPEN_EXTERNAL_JS_CHECK in built:out/main/index.js any more');
  });

  it('writes CSV that keeps commas, quotes and line breaks inside their field', () => {
    const csv = toCsv([finding({ sample: 'a, "b"\nc' })]);
    expect(csv.split('\n')[1]).toContain('"a, ""b""');
  });
});

// ---- the config against the scanner and the docs ----

const SCANNER_DIR = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'finder', 'checks');

/** Every check id the installed scanner can report, read from its check classes. */
function scannerCheckIds(dir = SCANNER_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scannerCheckIds(path);
    if (!entry.name.endsWith('.js')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/this\.id\s*=\s*["']([A-Z0-9_]+)["']/g)].map((m) => m[1] ?? '');
  });
}

describe('scripts/electronegativity.config.json', () => {
  it('skips and reviews only checks the installed scanner has', async () => {
    const config = await loadConfig();
    const ids = new Set(scannerCheckIds());
    expect(ids.size).toBeGreaterThan(30);
    for (const { check } of config.excludeChecks)
      expect(
        existsSync(join(SCANNER_DIR, 'GlobalChecks', `${check}.js`)) || existsSync(join(SCANNER_DIR, 'AtomicChecks', `${check}.js`)),
        check,
      ).toBe(true);
    for (const { check } of config.reviewed) expect(ids.has(check), check).toBe(true);
  });

  it('has a row in docs/security.md for every reviewed finding, with the same decision', async () => {
    const config = await loadConfig();
    const rows = repoText('docs/security.md')
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) => line.split('|').map((cell) => cell.trim().replace(/`/g, '')));
    for (const reviewed of config.reviewed) {
      const row = rows.find((cells) => cells.includes(reviewed.check) && cells.includes(reviewed.file) && cells.includes(reviewed.target));
      expect(row, `${reviewed.target} ${reviewed.check} ${reviewed.file}`).toBeDefined();
      expect(row).toContain(reviewed.decision);
    }
  });
});

// ---- the scanner itself, on a tiny app that gets it wrong ----

describe('the scan', () => {
  let work: string | undefined;
  afterEach(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function fixture(files: Record<string, string>): Promise<string> {
    work = await mkdtemp(join(tmpdir(), 'electronegativity-fixture-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), text);
    }
    return work;
  }

  it('stages .cjs files under a name the scanner reads, leaves maps out, and maps paths back', async () => {
    const root = await fixture({ 'out/preload/index.cjs': 'x', 'out/preload/index.cjs.map': '{}', 'out/main/deep/a.js': 'y' });
    const stage = join(root, 'stage');
    const paths = await stageTarget(
      root,
      [
        { from: 'out/preload', to: 'preload' },
        { from: 'out/main', to: 'main' },
      ],
      stage,
    );
    expect(await readdir(join(stage, 'preload'))).toEqual(['index.cjs.js']);
    expect([...paths.values()].sort()).toEqual(['out/main/deep/a.js', 'out/preload/index.cjs']);
  });

  it('flags a window with Node on and isolation off, in a .cjs file, under its own path', async () => {
    const root = await fixture({
      'app/index.cjs': [
        "const { BrowserWindow } = require('electron');",
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
      ].join('\n'),
    });
    const target = { name: 'fixture', copy: [{ from: 'app', to: 'app' }] };
    const { findings } = await scanTarget(loadRunner(), target, { excluded: ['AvailableSecurityFixesGlobalCheck'], electronVersion: '45.5.0', root });
    const flagged = findings.filter((f) => f.file === 'app/index.cjs').map((f) => f.check);
    expect(flagged).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
  });
});
