import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { filesUnder, ROOT } from './security-fakes';

// Static checks on who imports what. Electron stays at the edges (only the two entry
// files load it, so everything else runs in plain Node tests), and the page-side code
// (renderer/ and the common/ code it shares) never pulls in Electron, secrets-handling
// packages, HTTP clients, Node built-ins or main-process modules.


type ModuleImport = { specifier: string; typeOnly: boolean };

/** Every module a source file names, and whether the reference disappears at build time. */
function importsOf(fileName: string, source: string): ModuleImport[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: ModuleImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // Only `import type` is certain to be erased; `import { type X }` may be kept as a
      // bare import by some transpilers, so it counts as a runtime import.
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push({ specifier: expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node)) {
      const [argument] = node.arguments;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isDynamicImport) && argument) {
        found.push({ specifier: ts.isStringLiteralLike(argument) ? argument.text : '<computed>', typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');
const BUILTINS = new Set(builtinModules);
const PAGE_FORBIDDEN_PACKAGES = ['electron', 'keytar', 'axios', 'fs', 'original-fs'];

/** Why a page-side file may not import this, or undefined if it may. */
function pageImportProblem(fromFile: string, specifier: string): string | undefined {
  if (specifier === '<computed>') return 'a computed require/import';
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '')) return 'a Node built-in';
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
  if (PAGE_FORBIDDEN_PACKAGES.includes(name)) return `the ${name} package`;
  if (specifier.startsWith('.')) {
    const target = relative(ROOT, resolve(ROOT, fromFile, '..', specifier)).split(sep)[0];
    if (target === 'main' || target === 'preload') return `main-process code (${target}/)`;
  }
  return undefined;
}

const sourceFiles = (dir: string) => filesUnder(dir, /\.(c|m)?(t|j)sx?$/).filter((path) => !path.endsWith('.d.ts'));

function runtimeImports(file: string): string[] {
  return importsOf(file, readFileSync(join(ROOT, file), 'utf8'))
    .filter((found) => !found.typeOnly)
    .map((found) => found.specifier);
}

describe('import analysis', () => {
  it('tells runtime imports from type-only ones', () => {
    const source = [
      "import type { App } from 'electron';",
      "export type { WebContents } from 'electron';",
      "import { app } from 'electron';",
      "import { type BrowserWindow } from 'electron/main';",
      "import 'electron';",
      "export { shell } from 'electron';",
      "import keytar = require('keytar');",
      "const fs = require('node:fs');",
      "const lazy = () => import('axios');",
      'const other = require(name);',
      "type K = typeof import('keytar');",
    ].join('\n');
    expect(importsOf('x.ts', source)).toEqual([
      { specifier: 'electron', typeOnly: true },
      { specifier: 'electron', typeOnly: true },
      { specifier: 'electron', typeOnly: false },
      { specifier: 'electron/main', typeOnly: false },
      { specifier: 'electron', typeOnly: false },
      { specifier: 'electron', typeOnly: false },
      { specifier: 'keytar', typeOnly: false },
      { specifier: 'node:fs', typeOnly: false },
      { specifier: 'axios', typeOnly: false },
      { specifier: '<computed>', typeOnly: false },
    ]);
  });

  it.each([
    ['electron', 'the electron package'],
    ['electron/renderer', 'the electron package'],
    ['keytar', 'the keytar package'],
    ['axios', 'the axios package'],
    ['axios/unsafe/adapters/http.js', 'the axios package'],
    ['fs', 'a Node built-in'],
    ['fs/promises', 'a Node built-in'],
    ['node:path', 'a Node built-in'],
    ['child_process', 'a Node built-in'],
    ['../../../main/conscent/conscent-client', 'main-process code (main/)'],
    ['../../../preload/build-bridge', 'main-process code (preload/)'],
    ['<computed>', 'a computed require/import'],
  ])('refuses %s in page code', (specifier, problem) => {
    expect(pageImportProblem('renderer/src/reader/ReaderView.tsx', specifier)).toBe(problem);
  });

  it.each(['react', 'react-dom/client', 'react-hook-form', '@hookform/resolvers/zod', 'zod', '../../../common/contract', './Field'])(
    'allows %s in page code',
    (specifier) => {
      expect(pageImportProblem('renderer/src/reader/ReaderView.tsx', specifier)).toBeUndefined();
    },
  );
});

describe('where Electron may be imported', () => {
  it('main/index.ts is the main-process file that loads Electron (the scan sees it)', () => {
    expect(runtimeImports('main/index.ts')).toContain('electron');
  });

  it('no other module under main/ imports Electron at runtime', () => {
    const offenders = sourceFiles('main')
      .filter((file) => file !== 'main/index.ts')
      .filter((file) => runtimeImports(file).some(isElectron));
    expect(offenders, 'use `import type` here, and pass Electron objects in from main/index.ts').toEqual([]);
  });

  it('only preload/index.ts imports Electron in the preload', () => {
    const offenders = sourceFiles('preload')
      .filter((file) => file !== 'preload/index.ts')
      .filter((file) => runtimeImports(file).some(isElectron));
    expect(offenders).toEqual([]);
    expect(runtimeImports('preload/index.ts')).toContain('electron');
  });
});

describe('page-side code', () => {
  it.each(['renderer', 'common'])('nothing under %s/ imports Electron, keytar, axios, Node built-ins or main code', (dir) => {
    const offenders = sourceFiles(dir).flatMap((file) =>
      runtimeImports(file).flatMap((specifier) => {
        const problem = pageImportProblem(file, specifier);
        return problem ? [`${file}: ${specifier} (${problem})`] : [];
      }),
    );
    expect(offenders).toEqual([]);
  });
});
