import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ProbeOutcomes, type ProbeOp, type ProbeOutcome } from './credential-probe-protocol';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const probe = fileURLToPath(new URL('./credential-probe.ts', import.meta.url));

export interface ProbeRun {
  outcomes: ProbeOutcome[];
  /** A crash (e.g. SIGSEGV inside keytar) shows here, not as outcomes. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs ops against the real keychain in a fresh process that sees only `env` (plus PATH
 * and a C locale): nothing of this process's session bus or display leaks in.
 */
export function runCredentialProbe(env: Record<string, string>, ops: ProbeOp[]): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', probe], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const outcomes = code === 0 && stdout ? ProbeOutcomes.parse(JSON.parse(stdout)) : [];
      resolve({ outcomes, code, signal, stderr });
    });
    child.stdin.end(JSON.stringify(ops));
  });
}
