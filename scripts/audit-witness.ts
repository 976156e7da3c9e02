import { readFile } from 'node:fs/promises';
import { describeWitness, entriesInExport, eventsInCollectorFile, witness } from './audit-witness-check';

// `npx tsx scripts/audit-witness.ts <collector file> <history export.csv> [--machine <name>]`
// Compares one computer's history export with what its console forwarded to the
// organisation's log (docs/history.md "Checking a journal against the forwarded stream").
// Exit code 0: the two agree; 1: something is missing, extra or altered; 2: usage.

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--machine');
  const machine = at >= 0 ? args[at + 1] : undefined;
  const [collector, csv] = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  if (!collector || !csv) {
    console.error('usage: npx tsx scripts/audit-witness.ts <collector file> <history export.csv> [--machine <name>]');
    process.exitCode = 2;
    return;
  }
  const { events, skipped } = eventsInCollectorFile(await readFile(collector, 'utf8'));
  const report = { ...witness(events, entriesInExport(await readFile(csv, 'utf8')), machine), skippedLines: skipped };
  console.log(describeWitness(report));
  process.exitCode = report.missing.length + report.extra.length + report.altered.length === 0 ? 0 : 1;
}

void main();
