// The renderer's only way to the record: the API contract, over the Electron bridge when the
// preload exposed it, over the browser-mode server otherwise.
import { createContext, useContext } from 'react';
import type { ApiCall, ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { unwrap } from '../../shared/api/dispatch.ts';
import type { ApiResult } from '../../shared/api/errors.ts';

export type Transport = (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>;

export function createClient(transport: Transport): ApiCall {
  return async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
    unwrap(await transport(method, input)) as ApiOutput<M>;
}

interface ElectronBridge {
  api: Record<MethodName, (input: unknown) => Promise<ApiResult<unknown>>>;
  printToPdf(fileName: string): Promise<boolean>;
}

const electronBridge = (): ElectronBridge | undefined => (window as unknown as { planif?: ElectronBridge }).planif;

/**
 * Prints the page as it stands: in the Electron window, Chromium's printToPDF saves an A4
 * landscape PDF; in browser mode, the browser's own print dialog (which saves as PDF too).
 */
export async function printPage(fileName: string): Promise<void> {
  const bridge = electronBridge();
  if (bridge !== undefined) await bridge.printToPdf(fileName);
  else window.print();
}

const TOKEN_KEY = 'planif-token';

/** Browser mode: the token arrives in the address (#token=…), is kept for the tab, and leaves the address bar. */
function browserToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function defaultTransport(): Transport {
  const bridge = electronBridge();
  if (bridge !== undefined) return (method, input) => bridge.api[method](input);
  const token = browserToken();
  return async (method, input) => {
    const response = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-planif-token': token },
      body: JSON.stringify(input ?? {}),
    });
    if (!response.ok) {
      const message = response.status === 401
        ? 'Accès refusé : rouvrez l’adresse complète affichée au démarrage (avec son jeton).'
        : `Le serveur local a répondu ${response.status}.`;
      return { ok: false, error: { kind: 'refused', message, issues: [] } };
    }
    return (await response.json()) as ApiResult<unknown>;
  };
}

export const ApiContext = createContext<ApiCall | null>(null);

export function useApi(): ApiCall {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('ApiContext manquant');
  return api;
}
