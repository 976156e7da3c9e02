// `npm run dist`: electron-builder for this OS's installers, with one addition: Windows and
// macOS installers built without a code-signing certificate say so in their file name
// (`…-unsigned.exe`, `…-unsigned.msi`, `…-unsigned.dmg`, `…-unsigned.pkg`). electron-builder
// signs whenever the certificate variables are set (docs/building.md); this script only
// reads whether they are, and on macOS turns keychain auto-discovery off for an unsigned
// build, so the name never lies. Linux packages are not code-signed by electron-builder
// (an apt repository signs its index instead), so their names stay as they are.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';

const ROOT = resolve(__dirname, '..');
export const UNSIGNED_SUFFIX = '-unsigned';

type SignedPlatform = 'win' | 'mac';
/** The installer targets of each signed platform, as electron-builder.yml names them. */
export const SIGNED_TARGETS: Record<SignedPlatform, readonly ('nsis' | 'msi' | 'dmg' | 'pkg')[]> = { win: ['nsis', 'msi'], mac: ['dmg', 'pkg'] };

export function signedPlatformOf(platform: NodeJS.Platform): SignedPlatform | undefined {
  return platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : undefined;
}

/** Whether electron-builder will sign this platform's build with the environment given. */
export function hasCertificate(platform: SignedPlatform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win') return Boolean(env.WIN_CSC_LINK || env.CSC_LINK);
  return Boolean(env.CSC_LINK || env.CSC_NAME);
}

/** `${name}-${version}-${arch}.${ext}` → `${name}-${version}-${arch}-unsigned.${ext}`. */
export function unsignedArtifactName(artifactName: string): string {
  if (!artifactName.endsWith('.${ext}')) throw new Error(`artifactName must end in .\${ext}: ${artifactName}`);
  return `${artifactName.slice(0, -'.${ext}'.length)}${UNSIGNED_SUFFIX}.\${ext}`;
}

/** The electron-builder arguments and environment for this build. */
export function distInvocation(
  config: Configuration,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): { args: string[]; env: NodeJS.ProcessEnv; unsigned: boolean } {
  const args = ['--publish', 'never'];
  const signed = signedPlatformOf(platform);
  if (!signed || hasCertificate(signed, env)) return { args, env, unsigned: false };
  for (const target of SIGNED_TARGETS[signed]) {
    const name = config[target]?.artifactName;
    if (!name) throw new Error(`electron-builder.yml: ${target}.artifactName is missing`);
    args.push(`-c.${target}.artifactName=${unsignedArtifactName(name)}`);
  }
  // Without this, electron-builder on a Mac signs with any identity in the keychain.
  return { args, env: signed === 'mac' ? { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } : env, unsigned: true };
}

async function main(): Promise<void> {
  const config = await getConfig(ROOT, null, null);
  const run = distInvocation(config, process.platform, process.env);
  if (run.unsigned) {
    console.log(
      `dist: no code-signing certificate is set (docs/building.md, "Signing"): building unsigned installers named …${UNSIGNED_SUFFIX}.<ext>.`,
    );
  }
  const cli = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const builder = spawn(process.execPath, [cli, ...run.args, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env: run.env });
  builder.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
}

if (require.main === module) void main();
