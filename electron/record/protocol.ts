// What the main side (the Electron main process, the browser mode's server, the command line) and
// the record's worker say to each other, whichever carries it: a worker thread under Node, an
// Electron utility process in the window. The API itself crosses as it came (method and input
// unknown), so that the worker's `dispatch` parses it once with the method's schema.
import { z } from 'zod';
import type { RecordState } from '../../shared/api/contract.ts';
import type { ApiResult } from '../../shared/api/errors.ts';

/** The API as one function over the wire: what the IPC guard and the browser server call. */
export type ApiCaller = (method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

/**
 * The host's options that cross to the worker: data only. The keychain stays in the Electron main
 * process; the worker gets the key it held at start, and asks main to keep a new one.
 */
export const workerStartSchema = z.object({
  path: z.string(),
  actor: z.string(),
  passphrase: z.string().optional(),
  interactive: z.boolean(),
  backupAtStart: z.boolean(),
  backupEveryMinutes: z.number().optional(),
  program: z.string().optional(),
  /** A clock stopped at this instant (ISO), for tests; the machine's clock otherwise. */
  stoppedClock: z.string().optional(),
  keychain: z.object({ available: z.boolean(), key: z.string().nullable() }).optional(),
});
export type WorkerStart = z.infer<typeof workerStartSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), options: workerStartSchema }),
  z.object({ type: z.literal('call'), id: z.number().int(), method: z.unknown(), input: z.unknown() }),
  z.object({ type: z.literal('key-saved'), id: z.number().int(), error: z.string().nullable() }),
  z.object({ type: z.literal('close') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

/** Read by the main side as it is sent: the worker is the app's own code, and a result can be the whole record. */
export type FromWorker =
  /** Listening: an Electron utility process may drop what is sent before. */
  | { type: 'ready' }
  | { type: 'started'; state: RecordState; plainNotice: string | null }
  | { type: 'start-failed'; message: string; locked: boolean }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'save-key'; id: number; key: string }
  | { type: 'closed' };

/** The main side's end of the channel. */
export interface WorkerLink {
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** The worker has stopped, asked to or not. */
  onExit(listener: (code: number | null) => void): void;
  terminate(): void;
}

/** The worker's end of the channel. */
export interface MainLink {
  send(message: FromWorker): void;
  onMessage(listener: (message: unknown) => void): void;
}
