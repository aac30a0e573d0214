// The IPC side of the API, kept free of Electron imports so that it is tested under Node: a call
// is answered only when it comes from the app's own page, and its input is parsed by the method's
// schema (in dispatch, in the record's worker) before any service sees it.
import type { ApiResult } from '../shared/api/errors.ts';
import type { ApiCaller } from './record/protocol.ts';

export const IPC_CHANNEL = 'planif:call';
export const PRINT_CHANNEL = 'planif:print-pdf';

/** The sender must be the main frame showing our own index.html, nothing else. */
export function isTrustedSender(senderUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  if (!isMainFrame || senderUrl === undefined) return false;
  try {
    const sender = new URL(senderUrl);
    const app = new URL(appUrl);
    return sender.protocol === app.protocol && sender.host === app.host && sender.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** Answers a call from the page through `call` (the record's worker), once its sender is checked. */
export async function answerIpcCall(
  call: ApiCaller,
  sender: { url: string | undefined; isMainFrame: boolean },
  appUrl: string,
  method: unknown,
  input: unknown,
): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(sender.url, sender.isMainFrame, appUrl)) {
    return { ok: false, error: { kind: 'refused', message: 'Appel refusé : origine inattendue.', issues: [] } };
  }
  return call(method, input);
}
