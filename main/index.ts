import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import * as keytar from 'keytar';
import { startApp } from './start-app';

// The one main-process module that loads Electron (eslint enforces it): everything else
// takes Electron's objects as arguments, so it runs and is tested in plain Node.
void startApp({ app, BrowserWindow, dialog, ipcMain, Menu, protocol, session }, keytar, {
  platform: process.platform,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  mainDir: __dirname,
  argv: process.argv,
});
