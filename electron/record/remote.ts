// The main side's handle on the record's worker (./worker.ts): the API as one caller, the record's
// state at start, and its close. The window reaches the worker through an Electron utility process
// (electron/main.ts makes the link), the browser mode and the command line through a worker thread
// (startHostThread below). When the worker stops unasked, every call waiting and every call after
// is answered with a French error, never left hanging.
import { Worker } from 'node:worker_threads';
import type { RecordState } from '../../shared/api/contract.ts';
import type { ApiErrorData, ApiResult } from '../../shared/api/errors.ts';
import { assertNever } from '../../shared/domain/never.ts';
import { RecordLockedError } from '../../db/files.ts';
import type { KeyStore } from './host.ts';
import type { ApiCaller, WorkerLink, WorkerStart } from './protocol.ts';

export interface RemoteHost {
  /** The API: method and input go to the worker as they came, parsed there by the method's schema. */
  readonly call: ApiCaller;
  /** The record as the worker found it at start: open, locked, damaged… */
  readonly state: RecordState;
  /**
   * The line to print when the worker has just created the record without encryption (the command
   * line and the browser mode say so), null otherwise. Made there: this side loads no host code.
   */
  readonly plainNotice: string | null;
  /** Closes the record once the calls in flight are done, then stops the worker. */
  close(): Promise<void>;
}

export type RemoteHostOptions = Omit<WorkerStart, 'keychain'>;

/** What a caller reads when the worker has stopped without being asked to. */
export function workerStoppedMessage(code: number | null): string {
  return `Le processus qui tient la base s’est arrêté de façon inattendue${code === null ? '' : ` (code ${code})`} : l’opération n’a pas abouti. ` +
    'Redémarrez Planif AESH ; ce qui était déjà enregistré reste dans la base.';
}

const refusal = (message: string, kind: ApiErrorData['kind'] = 'internal'): ApiErrorData => ({ kind, message, issues: [] });

/**
 * Starts the host in the worker at the other end of `link` and resolves once the record is open
 * (or waits for a passphrase, or is damaged). A refusal at start (record held by another program,
 * wrong passphrase given) rejects, the worker stopped. `keyStore`, in the window only, stays here:
 * the worker gets the key read now, and asks for a new one to be written.
 */
export function connectHost(link: WorkerLink, options: RemoteHostOptions, keyStore?: KeyStore): Promise<RemoteHost> {
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  let counter = 0;
  /** Set once the worker is gone (or going): the answer of every call from then on. */
  let stopped: ApiErrorData | null = null;
  let closing = false;
  let exited: Promise<void> | null = null;
  const exit = new Promise<number | null>((resolve) => link.onExit(resolve));

  const call: ApiCaller = (method, input) => {
    if (stopped !== null) return Promise.resolve({ ok: false, error: stopped });
    counter += 1;
    const id = counter;
    return new Promise((answer) => {
      pending.set(id, answer);
      try {
        link.send({ type: 'call', id, method, input });
      } catch (error) {
        // Only data crosses to the worker (the structured clone refuses functions and the like).
        pending.delete(id);
        answer({ ok: false, error: refusal(`Appel refusé : ${(error as Error).message}`, 'refused') });
      }
    });
  };

  const close = (): Promise<void> => {
    if (exited !== null) return exited;
    if (stopped !== null) return Promise.resolve();
    closing = true;
    exited = exit.then(() => undefined);
    link.send({ type: 'close' });
    return exited;
  };

  return new Promise<RemoteHost>((resolve, reject) => {
    let started = false;
    void exit.then((code) => {
      stopped = refusal(closing ? 'La base est fermée.' : workerStoppedMessage(code));
      for (const answer of pending.values()) answer({ ok: false, error: stopped });
      pending.clear();
      if (!started) reject(new Error(stopped.message));
    });
    link.onMessage((message) => {
      switch (message.type) {
        case 'ready':
          link.send({ type: 'start', options: { ...options, keychain: keyStore === undefined ? undefined : { available: keyStore.available(), key: keyStore.read() } } });
          return;
        case 'started':
          started = true;
          resolve({ call, state: message.state, plainNotice: message.plainNotice, close });
          return;
        case 'start-failed':
          started = true;
          closing = true;
          link.terminate();
          reject(message.locked ? new RecordLockedError(message.message) : new Error(message.message));
          return;
        case 'result': {
          const answer = pending.get(message.id);
          pending.delete(message.id);
          answer?.(message.result);
          return;
        }
        case 'save-key': {
          const { id, key } = message;
          // The keychain's failure goes back to the host, which then converts nothing.
          void Promise.resolve().then(() => keyStore!.write(key)).then(
            () => link.send({ type: 'key-saved', id, error: null }),
            (error: unknown) => link.send({ type: 'key-saved', id, error: error instanceof Error ? error.message : String(error) }),
          );
          return;
        }
        case 'closed':
          link.terminate();
          return;
        default:
          assertNever(message, 'message');
      }
    });
  });
}

/** The main side's end of a worker thread. */
export function threadLink(worker: Worker): WorkerLink {
  // Unheard, an error event would stop the main side too; its exit follows and answers the callers.
  worker.on('error', (error) => console.error(error));
  return {
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => worker.on('exit', listener),
    terminate: () => void worker.terminate(),
  };
}

/** A worker thread running ./worker.ts: the record of the browser mode and the command line. */
export function startHostThread(options: RemoteHostOptions): Promise<RemoteHost> {
  return connectHost(threadLink(newHostThread()), options);
}

/**
 * A worker thread on ./worker.ts, which Node 22 runs from its TypeScript source. import.meta.url
 * through a variable, as in electron/allocation/allocate.ts: Vite's transform would rewrite the
 * literal form into an address a worker thread cannot run.
 */
export function newHostThread(): Worker {
  const here = import.meta.url;
  return new Worker(new URL('./worker.ts', here), { name: 'Planif AESH — base' });
}
