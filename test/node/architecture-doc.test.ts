import { describe, expect, it } from 'vitest';
import { filesUnder, repoText } from '../helpers/repo-files';
import { BULK_OPERATIONS, CONNECTION_OPERATIONS, HISTORY_OPERATIONS, READER_OPERATIONS } from './fuzz-bridge-harness';

// docs/architecture.md says what the code is (issue 19 item 8): the figures, names and
// the diagram it shares with the README are checked against the code, so they cannot drift.

const doc = repoText('docs/architecture.md');

/** The text of a section, from its heading to the next heading of the same level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `${heading} is missing`).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0]!;
  const next = text.indexOf(`\n${level} `, start + heading.length + 2);
  return text.slice(start, next === -1 ? undefined : next);
}

const firstDiagram = (text: string): string => /```\n([\s\S]*?)```/.exec(text)?.[1] ?? '';

describe('docs/architecture.md', () => {
  it('shows the same diagram as the README', () => {
    const readme = firstDiagram(section(repoText('README.md'), '## Architecture'));
    expect(readme).not.toBe('');
    expect(firstDiagram(section(doc, '## The processes and the bridge'))).toBe(readme);
  });

  it('states how many payloads the bridge fuzz sends, from the operations it covers', () => {
    const perOperation = Number(/FUZZ_RUNS \?\? ([\d_]+)/.exec(repoText('test/node/fuzz-bridge-harness.ts'))![1]!.replaceAll('_', ''));
    const operations = [CONNECTION_OPERATIONS, READER_OPERATIONS, HISTORY_OPERATIONS, BULK_OPERATIONS].flat().length;
    const words = (n: number) => n.toLocaleString('en-US');
    expect(doc).toContain(`${words(operations * perOperation)} fuzzed bridge payloads`);
    expect(doc).toContain(`${words(perOperation)} payloads per operation`);
  });

  it('names every kind of failure main reports', () => {
    const classes = filesUnder('main', /\.ts$/).flatMap((path) =>
      [...repoText(path).matchAll(/class (\w+) extends ConsoleFailure/g)].map((m) => m[1]!),
    );
    expect(classes.length).toBeGreaterThanOrEqual(8);
    expect(classes.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('explains every dependency in package.json', () => {
    const pkg = JSON.parse(repoText('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const table = section(doc, '## Why these dependencies');
    const named = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(named.filter((name) => !new RegExp(`(^|[\\s|,(])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([\\s|,)]|$)`, 'm').test(table))).toEqual(
      [],
    );
  });

  it('tours every folder of main', () => {
    const folders = [
      ...new Set(
        filesUnder('main', /\.ts$/)
          .map((path) => path.split('/')[1]!)
          .filter((name) => !name.endsWith('.ts')),
      ),
    ];
    expect(folders.filter((folder) => !doc.includes(`\`${folder}/\``))).toEqual([]);
  });
});
