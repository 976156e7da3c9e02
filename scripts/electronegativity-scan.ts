import { cp, mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { ConfigSchema, RawResultSchema, toFindings, type Finding, type RawResult, type ScanConfig } from './electronegativity-report';

// The scanning half of scripts/electronegativity.ts: copy a target's folders somewhere
// the scanner can read them, run @doyensec/electronegativity's runner in-process, and
// map its issues back to repository paths.

export const ROOT = resolve(__dirname, '..');
export const CONFIG_PATH = join(ROOT, 'scripts', 'electronegativity.config.json');
const SCANNER = '@doyensec/electronegativity';

export type Target = ScanConfig['targets'][number];
type RunOptions = {
  input: string;
  customScan: string[];
  excludeFromScan: string[];
  isRelative: boolean;
  isVerbose: boolean;
  electronVersionOverride?: string;
  parserPlugins: string[];
};
export type Runner = (options: RunOptions, forCli: boolean) => Promise<unknown>;

export async function loadConfig(path = CONFIG_PATH): Promise<ScanConfig> {
  return ConfigSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

export function loadRunner(): Runner {
  const loaded: unknown = createRequire(__filename)(SCANNER);
  if (typeof loaded !== 'function') throw new Error(`${SCANNER} did not export its runner`);
  return loaded as Runner;
}

/** The Electron version the lock file resolves, which is what ships. */
export async function lockedElectronVersion(root = ROOT): Promise<string | undefined> {
  try {
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { version?: unknown }>;
    };
    const version = lock.packages?.['node_modules/electron']?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies a target's folders into `stage` and returns scanned path → repository path.
 * The scanner reads only .js/.ts/.html files (and package.json), so the built preload's
 * index.cjs is scanned as index.cjs.js; source maps are left out.
 */
export async function stageTarget(root: string, copies: Target['copy'], stage: string): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const { from, to } of copies) {
    const source = join(root, from);
    const destination = join(stage, to);
    await cp(source, destination, {
      recursive: true,
      filter: (path) => !path.endsWith('.map') && !path.split(sep).includes('node_modules'),
    });
    for (const file of await listFiles(destination)) {
      const original = join(source, relative(destination, file));
      const scanned = /\.(cjs|mjs)$/.test(file) ? `${file}.js` : file;
      if (scanned !== file) await rename(file, scanned);
      paths.set(scanned, relative(root, original).split(sep).join('/'));
    }
  }
  return paths;
}

async function listFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => listFiles(join(path, entry.name))));
  return nested.flat();
}

/** The scanner logs through console.log; its "no translations (offline)" line is noise. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).includes('Could not retrieve updated translations')) original(...args);
  };
  try {
    return await work();
  } finally {
    console.log = original;
  }
}

export interface ScanOptions {
  /** Checks not to run, by class name (e.g. AvailableSecurityFixesGlobalCheck). */
  excluded: readonly string[];
  electronVersion: string | undefined;
  root?: string;
}

export async function scanTarget(
  runner: Runner,
  target: Target,
  options: ScanOptions,
): Promise<{ findings: Finding[]; errors: RawResult['errors'] }> {
  const root = options.root ?? ROOT;
  const stage = await mkdtemp(join(tmpdir(), `electronegativity-${target.name}-`));
  try {
    const paths = await stageTarget(root, target.copy, stage);
    const answer = await quietly(() =>
      runner(
        {
          input: stage,
          customScan: [],
          excludeFromScan: options.excluded.map((check) => check.toLowerCase()),
          isRelative: false,
          isVerbose: true,
          electronVersionOverride: options.electronVersion,
          parserPlugins: [],
        },
        false,
      ),
    );
    const raw = RawResultSchema.parse(answer);
    const original = (file: string) => paths.get(file) ?? relative(stage, file).split(sep).join('/');
    return {
      findings: toFindings(target.name, raw, original),
      errors: raw.errors.map((error) => ({ ...error, file: original(error.file) })),
    };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
