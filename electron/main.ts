// The Electron main process: one window, the record in the user data directory, the API over IPC.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { answerIpcCall, IPC_CHANNEL, isTrustedSender, PRINT_CHANNEL } from './ipc.ts';
import { DATABASE_FILE } from './paths.ts';
import { RecordHost, type KeyStore } from './record/host.ts';

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
    write: (key) => writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 }),
  };
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  // Locked (passphrase to type or to choose) or damaged, the record waits for the page to decide.
  const host = await RecordHost.start({
    path: join(dataDir, DATABASE_FILE), actor: userInfo().username, keyStore: keychain(join(dataDir, 'planif-aesh.key')),
    interactive: true, backupAtStart: true,
  });
  const { handlers } = host;

  const senderOf = (event: IpcMainInvokeEvent): { url: string | undefined; isMainFrame: boolean } =>
    ({ url: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame });
  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => answerIpcCall(handlers, senderOf(event), appUrl, method, input));
  // A timetable printed as PDF by Chromium's print engine, A4 landscape, saved where the user says.
  ipcMain.handle(PRINT_CHANNEL, async (event, fileName: unknown) => {
    const sender = senderOf(event);
    if (!isTrustedSender(sender.url, sender.isMainFrame, appUrl)) return false;
    const pdf = await event.sender.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true });
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: typeof fileName === 'string' ? fileName.replace(/[^\w .-]/g, '_') : 'emploi-du-temps.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const choice = owner === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(owner, options);
    if (choice.canceled || choice.filePath === undefined) return false;
    writeFileSync(choice.filePath, pdf);
    return true;
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
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await window.loadURL(appUrl);

  app.on('window-all-closed', () => {
    void host.close().then(() => app.quit());
  });
}

start().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
