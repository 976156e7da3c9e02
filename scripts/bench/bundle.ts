import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { MEASURES } from '../../common/user-timing-names';

// The renderer's JavaScript, split into what the page loads before the lookup box is
// interactive (the entry and what index.html preloads) and everything (lazy screens too),
// next to a bare React page built by the same Vite and React plugin in the same run.

export interface JsSizes {
  /** What index.html loads: the entry module and its modulepreload links, gzip -9. */
  firstPaintGzip: number;
  /** Every JS file of the build, gzip -9. */
  totalGzip: number;
  totalRaw: number;
  files: number;
}

export async function jsSizes(dir: string): Promise<JsSizes> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  // <script type="module" src="./assets/x.js"> and <link rel="modulepreload" href="./assets/y.js">
  const initial = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]!));
  const sizes: JsSizes = { firstPaintGzip: 0, totalGzip: 0, totalRaw: 0, files: 0 };
  for (const name of await readdir(join(dir, 'assets'))) {
    if (!name.endsWith('.js')) continue;
    const data = await readFile(join(dir, 'assets', name));
    const gzip = gzipSync(data, { level: 9 }).length;
    sizes.files += 1;
    sizes.totalRaw += data.length;
    sizes.totalGzip += gzip;
    if (initial.has(`assets/${name}`)) sizes.firstPaintGzip += gzip;
  }
  return sizes;
}

/**
 * A bare React 19 page: one labelled input, and the same "page → lookup interactive"
 * measure the console takes (after the first paint), so both start-ups are read alike.
 */
export async function buildBarePage(root: string): Promise<string> {
  // Inside node_modules/.cache so react resolves from the project, and never in out/,
  // which is what gets packaged.
  const dir = join(root, 'node_modules', '.cache', 'bench-bare-react');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  await writeFile(
    join(dir, 'main.tsx'),
    `import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
function Page() {
  useEffect(() => {
    requestAnimationFrame(() => setTimeout(() => performance.measure(${JSON.stringify(MEASURES.pageToLookupInteractive)}, { start: 0, end: performance.now() }), 0));
  }, []);
  return <input aria-label="Find a reader" />;
}
createRoot(document.getElementById('root')!).render(<Page />);
`,
  );
  await build({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    plugins: [react()],
    // The renderer's build settings as electron-vite applies them.
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, modulePreload: { polyfill: false }, target: 'chrome140', minify: true },
  });
  return join(dir, 'dist');
}
