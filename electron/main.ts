// The Electron main process: one window, the record in the user data directory, the API over IPC.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { openRecord } from '../db/connection.ts';
import { answerIpcCall, IPC_CHANNEL } from './ipc.ts';
import { DATABASE_FILE } from './paths.ts';
import { createServices } from './services/index.ts';

const rendererIndex = join(__dirname, '..', 'dist', 'renderer', 'index.html');
const appUrl = pathToFileURL(rendererIndex).toString();

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const connection = await openRecord(join(dataDir, DATABASE_FILE));
  const handlers = createServices(connection, { actor: userInfo().username });

  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) =>
    answerIpcCall(handlers, { url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame }, appUrl, method, input),
  );
  // No permission (camera, notifications, …) is ever needed.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Planif AESH',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await window.loadURL(appUrl);

  app.on('window-all-closed', () => {
    void connection.close().then(() => app.quit());
  });
}

start().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
