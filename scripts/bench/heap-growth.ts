import { readFileSync } from 'node:fs';

// What grows in the bench's main process between two heap snapshots (issue 23): objects
// summed by kind and constructor (or closure) name, the largest growths first. Run as a
// child process (`tsx scripts/bench/heap-growth.ts a.heapsnapshot b.heapsnapshot`), so
// parsing a snapshot does not count in the memory being measured.

type Totals = Map<string, { count: number; bytes: number }>;

function totalsOf(path: string): Totals {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
  const totals: Totals = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[0][snapshot.nodes[i + typeAt]!]!;
    const name = type.includes('string')
      ? ''
      : type === 'code' || type === 'hidden'
        ? ''
        : snapshot.strings[snapshot.nodes[i + nameAt]!]!.slice(0, 60);
    const key = name ? `${type} ${name}` : `(${type})`;
    const total = totals.get(key) ?? { count: 0, bytes: 0 };
    total.count += 1;
    total.bytes += snapshot.nodes[i + sizeAt]!;
    totals.set(key, total);
  }
  return totals;
}

export type Growth = { what: string; count: number; kib: number };

export function heapGrowth(before: string, after: string, top = 8): Growth[] {
  const a = totalsOf(before);
  const b = totalsOf(after);
  return [...b]
    .map(([what, { count, bytes }]) => ({
      what,
      count: count - (a.get(what)?.count ?? 0),
      kib: Math.round((bytes - (a.get(what)?.bytes ?? 0)) / 102.4) / 10,
    }))
    .sort((x, y) => y.kib - x.kib)
    .slice(0, top);
}

if (require.main === module) {
  const [before, after] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(heapGrowth(before!, after!)));
}
