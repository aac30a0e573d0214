// The Electron main process: one window, the API over IPC, the keychain. The record (its host, the
// services, the imports) runs in a utility process of its own, so that this process never stalls.
// One instance at a time: a second launch shows the first window instead of opening the record again.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, utilityProcess, type IpcMainInvokeEvent, type UtilityProcess } from 'electron';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { answerIpcCall, IPC_CHANNEL, isTrustedSender, PRINT_CHANNEL } from './ipc.ts';
import { PRIVATE_DIRECTORY, PRIVATE_FILE, RecordLockedError } from '../db/files.ts';
import { DATABASE_FILE } from './paths.ts';
import type { KeyStore } from './record/host.ts';
import { refuseRecordOutput } from './record/outputs.ts';
import type { WorkerLink } from './record/protocol.ts';
import { connectHost } from './record/remote.ts';

const rendererIndex = join(__dirname, '..', 'dist', 'renderer', 'index.html');
const appUrl = pathToFileURL(rendererIndex).toString();

/** The record's random key, encrypted by the OS keychain (DPAPI, Keychain, libsecret) in a file beside it. */
function keychain(file: string): KeyStore {
  return {
    // On Linux without a secret service, safeStorage falls back to a fixed key: not a keychain.
    available: () => safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text',
    // A key the keychain can no longer decrypt (another user, a reinstalled system): ask for the passphrase.
    read: () => {
      try {
        return existsSync(file) ? safeStorage.decryptString(readFileSync(file)) : null;
      } catch {
        return null;
      }
    },
    write: (key) => {
      writeFileSync(file, safeStorage.encryptString(key), { mode: PRIVATE_FILE });
      // The mode above applies to a new file only: a key file of an older version may be readable by all.
      chmodSync(file, PRIVATE_FILE);
    },
  };
}

/**
 * The record's utility process, on the worker bundle that vite.electron.config.ts writes beside
 * this one; unpacked from the asar archive (build/electron-builder.json), as is the SQLite driver.
 */
function recordProcess(): WorkerLink {
  const dir = __dirname.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  const child: UtilityProcess = utilityProcess.fork(join(dir, 'record-worker.cjs'), [], { serviceName: 'Planif AESH — base', stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    terminate: () => void child.kill(),
  };
}

/** The path chosen by the user, or null with the reason shown when it would overwrite the record. */
function outputAllowed(path: string, record: string, owner: BrowserWindow | null): boolean {
  try {
    refuseRecordOutput(path, record);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    if (owner === null) dialog.showErrorBox('Planif AESH', message);
    else void dialog.showMessageBox(owner, { type: 'error', title: 'Planif AESH', message });
    return false;
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY });
  const record = join(dataDir, DATABASE_FILE);
  // Locked (passphrase to type or to choose) or damaged, the record waits for the page to decide.
  const host = await connectHost(recordProcess(), {
    path: record, actor: userInfo().username, interactive: true, backupAtStart: true, program: 'Planif AESH — fenêtre',
  }, keychain(join(dataDir, 'planif-aesh.key')));

  const senderOf = (event: IpcMainInvokeEvent): { url: string | undefined; isMainFrame: boolean } =>
    ({ url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame });
  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => answerIpcCall(host.call, senderOf(event), appUrl, method, input));
  // A timetable printed as PDF by Chromium's print engine, A4 landscape, saved where the user says.
  ipcMain.handle(PRINT_CHANNEL, async (event, fileName: unknown) => {
    const sender = senderOf(event);
    if (!isTrustedSender(sender.url, sender.isMainFrame, appUrl)) return false;
    const pdf = await event.sender.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true });
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: typeof fileName === 'string' ? fileName.replace(/[^\w .-]/g, '_') : 'emploi-du-temps.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const choice = owner === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(owner, options);
    if (choice.canceled || choice.filePath === undefined || !outputAllowed(choice.filePath, record, owner)) return false;
    writeFileSync(choice.filePath, pdf);
    return true;
  });
  // The workbooks the page offers as downloads: saved where the user says, but never over the record.
  session.defaultSession.on('will-download', (_event, item, contents) => {
    const owner = BrowserWindow.fromWebContents(contents);
    const options = { defaultPath: item.getFilename() };
    const path = owner === null ? dialog.showSaveDialogSync(options) : dialog.showSaveDialogSync(owner, options);
    if (path === undefined || !outputAllowed(path, record, owner)) item.cancel();
    else item.setSavePath(path);
  });
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
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await window.loadURL(appUrl);

  app.on('window-all-closed', () => {
    void host.close().then(() => app.quit());
  });
}

if (app.requestSingleInstanceLock()) {
  start().catch(async (error: unknown) => {
    console.error(error);
    // Held by the command line or the browser mode: say so in a window, not only in a terminal nobody sees.
    if (error instanceof RecordLockedError) {
      await app.whenReady();
      dialog.showErrorBox('Planif AESH', error.message);
    }
    app.exit(1);
  });
} else {
  // Another instance has the record: it is shown (second-instance above), this one ends.
  app.quit();
}
