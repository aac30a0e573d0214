// Runs sandboxed in the window: exposes one named function per API method, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/api/contract.ts';
import { IPC_CHANNEL } from './ipc.ts';

const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input) as Promise<unknown>]),
);

contextBridge.exposeInMainWorld('planif', { api });
