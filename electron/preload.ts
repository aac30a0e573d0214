// Runs sandboxed in the window: exposes one named function per API method, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/api/contract.ts';
import { IPC_CHANNEL, PRINT_CHANNEL } from './ipc.ts';

const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input) as Promise<unknown>]),
);

const printToPdf = (fileName: string): Promise<boolean> => ipcRenderer.invoke(PRINT_CHANNEL, fileName) as Promise<boolean>;

contextBridge.exposeInMainWorld('planif', { api, printToPdf });
