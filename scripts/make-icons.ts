import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ICON_SOURCE, renderIconFiles } from './icons';

// Usage: npm run icons   (tsx scripts/make-icons.ts)
// Regenerates assets/icons/*.png, assets/icon.ico and assets/icon.icns from assets/icon.svg.
// The outputs are committed so that building installers needs no generation step;
// test/packaging/icons.test.ts fails when they are stale.
const root = resolve(__dirname, '..');
const files = renderIconFiles(readFileSync(join(root, ICON_SOURCE)));
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  console.log(`${path}  ${content.length} bytes`);
}
