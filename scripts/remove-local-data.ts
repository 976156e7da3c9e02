import { homedir } from 'node:os';
import { resolve } from 'node:path';
import * as keytar from 'keytar';
import { describeRemoval, removeLocalData } from '../main/uninstall/remove-local-data';
import { defaultUserDataDir } from './app-paths';

// `npx tsx scripts/remove-local-data.ts [--user-data <folder>] [--logs <folder>]`: removes
// the console's data folder and every keychain entry it created, for the user running it
// (issue 18.4). The installed app does the same with `--remove-local-data`.

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const userData = resolve(option('--user-data') ?? defaultUserDataDir(process.platform, process.env, homedir()));
  const logs = option('--logs');
  const report = await removeLocalData({ folders: [userData, ...(logs ? [resolve(logs)] : [])], keytar });
  console.log(describeRemoval(report));
  process.exitCode = report.problems.length === 0 ? 0 : 1;
}

void main();
