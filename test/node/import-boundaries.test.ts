import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import boundaries are eslint rules (eslint.config.mjs); these tests lint small
// snippets as if they were files in each part of the tree, to show each rule fires where
// it should and stays quiet where it should, and lint the real tree for those rules.

const ROOT = resolve(__dirname, '../..');
const BOUNDARY_RULES = new Set([
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-imports',
  '@typescript-eslint/no-require-imports',
  'no-restricted-syntax',
]);
const eslint = new ESLint({ cwd: ROOT });

/** The boundary rules a snippet breaks, linted as if it were the given file. */
async function brokenBoundaries(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: join(ROOT, file) });
  const fatal = result?.messages.filter((message) => message.fatal) ?? [];
  if (fatal.length > 0) throw new Error(`${file}: ${fatal.map((message) => message.message).join('; ')}`);
  return (result?.messages ?? []).filter((message) => BOUNDARY_RULES.has(message.ruleId ?? '')).map((message) => message.ruleId ?? '');
}

const RUNTIME_ELECTRON = [
  "import { app } from 'electron';",
  "import * as electron from 'electron';",
  "import 'electron';",
  "export { shell } from 'electron';",
  "import { ipcRenderer } from 'electron/renderer';",
  "import electron = require('electron');",
  "const electron = require('electron');",
];

describe('only main/index.ts and preload/index.ts load Electron', () => {
  it.each(RUNTIME_ELECTRON)('refuses `%s` anywhere else under main/ and preload/', async (code) => {
    for (const file of ['main/start-app.ts', 'main/window/probe.ts', 'preload/build-bridge.ts', 'scripts/probe.ts']) {
      expect(await brokenBoundaries(file, code), file).not.toEqual([]);
    }
  });

  it.each(["import type { App, BrowserWindow } from 'electron';", "export type { WebContents } from 'electron';"])(
    'allows the type-only `%s` under main/',
    async (code) => {
      expect(await brokenBoundaries('main/window/probe.ts', code)).toEqual([]);
    },
  );

  it('allows the entries to import Electron', async () => {
    expect(await brokenBoundaries('main/index.ts', "import { app } from 'electron';\nvoid app;")).toEqual([]);
    expect(await brokenBoundaries('preload/index.ts', "import { contextBridge } from 'electron';\nvoid contextBridge;")).toEqual([]);
  });
});

describe('common/ imports nothing from main, renderer or preload, nor anything the page must not have', () => {
  it.each([
    "import { createSenderCheck } from '../main/ipc/sender-check';",
    "import '../main';",
    "import { App } from '../renderer/src/App';",
    "import { buildBridge } from '../preload/build-bridge';",
    "import keytar from 'keytar';",
    "import axios from 'axios';",
    "import adapter from 'axios/unsafe/adapters/http.js';",
    "import { app } from 'electron';",
    "import type { App } from 'electron/main';\nimport { ipcRenderer } from 'electron/renderer';",
    "import { readFile } from 'fs';",
    "import { readFile } from 'fs/promises';",
    "import { join } from 'node:path';",
    "import { spawn } from 'child_process';",
    "const load = () => import('zod');",
    "const fs = require('fs');",
  ])('refuses `%s`', async (code) => {
    expect(await brokenBoundaries('common/probe.ts', code)).not.toEqual([]);
  });

  it.each([
    "import { z } from 'zod';",
    "import { BRIDGE_CHANNELS } from './channels';",
    "import { parsePhoneNumberFromString } from 'libphonenumber-js';",
  ])('allows `%s`', async (code) => {
    expect(await brokenBoundaries('common/probe.ts', code)).toEqual([]);
  });
});

describe('the renderer reaches main only through window.conscent', () => {
  it.each([
    "import { ipcRenderer } from 'electron';",
    "import keytar from 'keytar';",
    "import axios from 'axios';",
    "import { readFile } from 'node:fs/promises';",
    "import { createConsCentClient } from '../../../main/conscent/conscent-client';",
    "const load = () => import('axios');",
  ])('refuses `%s`', async (code) => {
    expect(await brokenBoundaries('renderer/src/reader/probe.tsx', code)).not.toEqual([]);
  });
});

describe('the simulator reads requests with its own reading of the API', () => {
  it.each([
    "import { UserChanges } from '../common/user-schemas';",
    "import { UpdateReaderRequest } from '../common/readers-contract';",
    "import { UserData } from '../main/conscent/conscent-answers';",
  ])('refuses `%s`', async (code) => {
    expect(await brokenBoundaries('simulator/probe.ts', code)).not.toEqual([]);
  });

  it('allows its own schemas and the loopback rule', async () => {
    expect(
      await brokenBoundaries(
        'simulator/probe.ts',
        "import { UpdateUserBody } from './api-schemas';\nimport { isLoopbackHost } from '../common/environments';\nvoid UpdateUserBody;\nvoid isLoopbackHost;",
      ),
    ).toEqual([]);
  });
});

describe('the tree as it is', () => {
  it('keeps every boundary in main/, preload/, common/, renderer/, scripts/ and simulator/', async () => {
    const results = await eslint.lintFiles(['main', 'preload', 'common', 'renderer', 'scripts', 'simulator']);
    const broken = results.flatMap((result) =>
      result.messages
        .filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))
        .map((message) => `${result.filePath.slice(ROOT.length + 1)}:${message.line} ${message.message}`),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(broken).toEqual([]);
    // Type-aware linting of the whole tree takes tens of seconds on a busy 2-core machine.
  }, 180_000);
});
