import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, screen, session, utilityProcess } from 'electron';
import * as keytar from 'keytar';
import { keytarOverChannel } from './credentials/keytar-helper-client';
import { startApp } from './start-app';
import { describeRemoval, removeLocalData } from './uninstall/remove-local-data';

// keytar in a fresh process of its own (out/main/keytar-helper.js), for when the keychain
// service restarted under this one: libsecret cannot reconnect in-process (issue 17.5).
const freshKeytar = () => {
  const child = utilityProcess.fork(join(__dirname, 'keytar-helper.js'), [], { serviceName: 'ConsCent Console keychain' });
  return keytarOverChannel({
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', listener),
    kill: () => void child.kill(),
  });
};

// The one main-process module that loads Electron (eslint enforces it): everything else
// takes Electron's objects as arguments, so it runs and is tested in plain Node.
if (process.argv.includes('--remove-local-data')) {
  // Uninstall helper (issue 18.4): deletes this user's data folder, logs and keychain entries, then exits.
  void removeLocalData({ folders: [app.getPath('userData'), app.getPath('logs')], keytar }).then((report) => {
    console.log(describeRemoval(report));
    app.exit(report.problems.length === 0 ? 0 : 1);
  });
} else {
  void startApp({ app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, screen, session }, keytar, {
    platform: process.platform,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    mainDir: __dirname,
    argv: process.argv,
    freshKeytar,
  });
}
