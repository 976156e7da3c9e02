import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { productionMetaCsp } from './main/window/content-security-policy';
import pkg from './package.json';
import { GUIDE_CSS, renderGuide } from './scripts/user-guide/render-guide';

// The built page carries the production CSP as a meta tag too (defence in depth), from
// the one definition main uses for its header. Not in dev: Vite's dev server injects
// inline scripts that only the dev header allows.
const cspMetaTag: Plugin = {
  name: 'conscent-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: productionMetaCsp() }, injectTo: 'head-prepend' },
  ],
};

// Help → User Guide (main/window/user-guide.ts): docs/using.md and the pages it links,
// rendered into one static page beside the app's, so the guide is there offline.
const userGuide: Plugin = {
  name: 'conscent-user-guide',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'guide.html', source: renderGuide(resolve(__dirname, 'docs'), pkg.version) });
    this.emitFile({ type: 'asset', fileName: 'guide.css', source: GUIDE_CSS });
  },
};

/** Native modules: required at run time from node_modules, never bundled. */
const NATIVE_DEPENDENCIES = ['keytar', '@vscode/policy-watcher'];

// Three bundles, one per process. The preload is sandboxed, so it cannot `require`
// anything from node_modules: it is built as one self-contained CommonJS file.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Every dependency but the native ones is pure JS and is bundled, so the installed app
      // ships no node_modules for them (a new dependency cannot be forgotten here); keytar
      // and @vscode/policy-watcher (loaded only on Windows and macOS, main/policy/) stay
      // external and their bindings are packaged unpacked.
      externalizeDeps: { exclude: Object.keys(pkg.dependencies).filter((name) => !NATIVE_DEPENDENCIES.includes(name)) },
      // keytar-helper: keytar in a process of its own, started after the keychain service restarted.
      rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts'), 'keytar-helper': resolve(__dirname, 'main/keytar-helper.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMetaTag, userGuide],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; agents' machines parse
      // it on every start, so ship it minified.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
