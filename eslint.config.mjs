import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

// Import boundaries, checked by `@typescript-eslint/no-restricted-imports` (type-only
// imports are erased at build time, so they are allowed) and proven to fire by
// test/node/import-boundaries.test.ts.
// - Electron is loaded at run time only by main/index.ts and preload/index.ts: everything
//   else takes Electron's objects as arguments, so it runs in plain Node tests.
// - common/ is bundled into the page as well as main: it imports nothing from main,
//   renderer or preload, and nothing the page must not have (Electron, keytar, axios,
//   Node built-ins). require() is refused everywhere by no-require-imports, dynamic
//   import() in page-side code by no-restricted-syntax, so no import escapes these rules.
const ELECTRON_MESSAGE = 'Only main/index.ts and preload/index.ts load Electron; take its objects as arguments (import type is fine).';
const electronOnly = [{ name: 'electron', message: ELECTRON_MESSAGE, allowTypeImports: true }];
const electronSubpaths = [{ group: ['electron/*'], message: ELECTRON_MESSAGE, allowTypeImports: true }];
const PAGE_MESSAGE = 'common/ is also bundled into the page: no Electron, keytar, axios or Node built-ins here.';
const pageForbidden = ['electron', 'keytar', 'axios', 'original-fs', ...builtinModules].map((name) => ({
  name,
  message: PAGE_MESSAGE,
  allowTypeImports: true,
}));
// Lazy screens (issue #12) may import() a file of the project by a literal relative path:
// that file is linted by these same rules. Anything else (a package, a computed path)
// would escape them.
const NO_DYNAMIC_IMPORT = {
  selector: "ImportExpression:not([source.type='Literal'][source.value=/^\\.\\.?\\//])",
  message: 'Page-side code imports statically (or a project file by a literal relative path), so the import rules can see what it loads.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    ignores: ['main/index.ts', 'preload/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: electronOnly, patterns: electronSubpaths }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: pageForbidden,
          patterns: [
            {
              group: ['electron/*', 'keytar/*', 'axios/*', 'node:*', ...builtinModules.map((name) => `${name}/*`)],
              message: PAGE_MESSAGE,
              allowTypeImports: true,
            },
            {
              group: ['**/main', '**/main/**', '**/renderer', '**/renderer/**', '**/preload', '**/preload/**'],
              message: 'common/ is shared by every process: it imports nothing from main, renderer or preload.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', NO_DYNAMIC_IMPORT],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', NO_DYNAMIC_IMPORT] },
  },
  {
    // The simulator stands in for ConsCent: it reads requests with its own reading of the
    // API (simulator/api-schemas.ts), so a mistake in the console's schemas is refused by
    // it rather than shared with it.
    files: ['simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main', '**/main/**', '**/common/user-schemas', '**/common/*-contract', '**/common/contract'],
              message: 'The simulator validates with its own reading of the API (simulator/api-schemas.ts), not the console’s schemas.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/dom/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'keytar', 'axios', 'fs', 'node:*', '**/main/**'],
              message: 'The renderer reaches main only through window.conscent.',
            },
          ],
        },
      ],
    },
  },
);
