// Which Node this checkout needs, said once and plainly by `npm run setup` (before `npm ci`,
// so plain JavaScript with no dependencies). The real floor is package.json's engines
// field (Node 22.12+): Electron 45, its installer (@electron/get) and electron-builder's
// @electron/rebuild ask for it. The tests, typecheck, lint, `npm run build` and
// `npm run preview` only need what vite/electron-vite need (Node 20.19+), which is why CI
// can still run on Node 20; launching or packaging the app there is not supported.
//
// Usage: node scripts/node-requirement.mjs [--node-version X.Y.Z]
// Prints nothing on a supported Node; one line (exit 0) on Node 20.19+; one line (exit 1)
// below that.
import { readFileSync } from 'node:fs';

const TOOLS_FLOOR = '20.19.0';

function parse(version) {
  const [major = 0, minor = 0, patch = 0] = String(version).replace(/^v/, '').split('.').map(Number);
  return [major, minor, patch];
}

function atLeast(version, floor) {
  const have = parse(version);
  const want = parse(floor);
  for (let i = 0; i < 3; i += 1) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
}

/** The floor in package.json's engines field (">=22.12" → "22.12.0"). */
export function requiredNode() {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(manifest.engines?.node ?? '').trim());
  if (!match) throw new Error(`package.json engines.node must read ">=X.Y", not ${JSON.stringify(manifest.engines?.node)}`);
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

/** What setup says about this Node: nothing (undefined) when it is supported. */
export function nodeVerdict(version) {
  const required = requiredNode();
  const short = required.replace(/\.0$/, '');
  if (atLeast(version, required)) return undefined;
  const have = String(version).replace(/^v/, '');
  if (atLeast(version, TOOLS_FLOOR)) {
    return {
      ok: true,
      message:
        `setup: Node ${short}+ is required to run the app and package its installers; this machine has Node ${have}. ` +
        `The tests, typecheck, lint, \`npm run build\` and \`npm run preview\` still work here; ` +
        `\`npm start\`, \`npm run demo\` and \`npm run dist\` need Node ${short}+.`,
    };
  }
  return {
    ok: false,
    message: `setup: Node ${short}+ is required to run the app and package its installers, and even the tests need Node 20.19+; this machine has Node ${have}. Install Node ${short}+ and run npm run setup again.`,
  };
}

const versionFlag = process.argv.indexOf('--node-version');
const verdict = nodeVerdict(versionFlag > 0 ? process.argv[versionFlag + 1] : process.versions.node);
if (verdict) {
  console.log(verdict.message);
  if (!verdict.ok) process.exitCode = 1;
}
