// The record's worker: the host, its services, the gaps engine and the imports run here, so that
// the main side (the window's main process, the browser mode's server, the command line) keeps
// answering while they work. A worker thread under Node (./remote.ts starts it), an Electron
// utility process in the window (electron/main.ts forks its bundle, dist-electron/record-worker.cjs).
// The calls enter the host's gate in the order they arrive: the gate is the one queue that runs a
// restore, an encryption or an unlock alone.
import { parentPort } from 'node:worker_threads';
import { dispatch } from '../../shared/api/dispatch.ts';
import { assertNever } from '../../shared/domain/never.ts';
import { RecordLockedError } from '../../db/files.ts';
import { plainRecordNotice, RecordHost, type KeyStore } from './host.ts';
import { toWorkerSchema, type MainLink, type WorkerStart } from './protocol.ts';

/** Electron's port to the main process, which a utility process has and a worker thread has not. */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

function mainLink(): MainLink {
  const utility = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (utility !== undefined) return { send: (message) => utility.postMessage(message), onMessage: (listener) => utility.on('message', (event) => listener(event.data)) };
  const thread = parentPort;
  if (thread === null) throw new Error('Ce fichier se lance comme processus de la base (voir electron/record/remote.ts), pas directement.');
  return { send: (message) => thread.postMessage(message), onMessage: (listener) => thread.on('message', listener) };
}

/** Serves the host over `link`: one start, then calls, until asked to close. */
function serve(link: MainLink): void {
  let host: RecordHost | null = null;
  let keyRequests = 0;
  const keySaves = new Map<number, { resolve(): void; reject(error: Error): void }>();

  /** The key main read from the keychain at start; a new one is saved there by main before it is used. */
  const keychain = (kept: NonNullable<WorkerStart['keychain']>): KeyStore => {
    let key = kept.key;
    return {
      available: () => kept.available,
      read: () => key,
      write: (value) => new Promise<void>((resolve, reject) => {
        keyRequests += 1;
        keySaves.set(keyRequests, { resolve, reject });
        link.send({ type: 'save-key', id: keyRequests, key: value });
      }).then(() => {
        key = value;
      }),
    };
  };

  const start = async (options: WorkerStart): Promise<void> => {
    const { stoppedClock, keychain: kept, ...rest } = options;
    try {
      host = await RecordHost.start({
        ...rest,
        now: stoppedClock === undefined ? undefined : () => new Date(stoppedClock),
        keyStore: kept === undefined ? undefined : keychain(kept),
      });
    } catch (error) {
      link.send({ type: 'start-failed', message: error instanceof Error ? error.message : String(error), locked: error instanceof RecordLockedError });
      return;
    }
    link.send({ type: 'started', state: host.state(), plainNotice: host.createdPlain ? plainRecordNotice(options.path) : null });
  };

  link.onMessage((raw) => {
    // From the app's own main side: a message of another shape is a fault, and stops the worker loudly.
    const message = toWorkerSchema.parse(raw);
    switch (message.type) {
      case 'start':
        void start(message.options);
        return;
      case 'call': {
        const { id } = message;
        if (host === null) {
          link.send({ type: 'result', id, result: { ok: false, error: { kind: 'refused', message: 'La base n’est pas encore ouverte.', issues: [] } } });
          return;
        }
        // Entered now, in the order of arrival: dispatch reaches the host's gate before it awaits.
        void dispatch(host.handlers, message.method, message.input).then((result) => link.send({ type: 'result', id, result }));
        return;
      }
      case 'key-saved': {
        const waiting = keySaves.get(message.id);
        keySaves.delete(message.id);
        if (message.error === null) waiting?.resolve();
        else waiting?.reject(new Error(`Le trousseau du système n’a pas gardé la clé : ${message.error}`));
        return;
      }
      case 'close':
        void (host?.close() ?? Promise.resolve()).then(() => link.send({ type: 'closed' }));
        return;
      default:
        assertNever(message, 'message');
    }
  });
  link.send({ type: 'ready' });
}

serve(mainLink());
