import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIpcCall, isTrustedSender } from '../../electron/ipc.ts';
import type { RecordConnection } from '../../db/connection.ts';
import type { ApiCaller } from '../../electron/record/protocol.ts';
import { dispatch } from '../../shared/api/dispatch.ts';
import { openTestRecord } from '../support/record.ts';

const APP = 'file:///opt/Planif%20AESH/resources/app.asar/dist/renderer/index.html';
let connection: RecordConnection;
/** The host in this process: the guard is the same whichever side answers the calls it lets through. */
let call: ApiCaller;
beforeAll(async () => {
  const opened = await openTestRecord();
  connection = opened.connection;
  call = (method, input) => dispatch(opened.host.handlers, method, input);
});
afterAll(() => connection.close());

describe('IPC calls', () => {
  it('trusts only the main frame showing our own page', () => {
    expect(isTrustedSender(`${APP}#/eleves`, true, APP)).toBe(true);
    expect(isTrustedSender(APP, false, APP)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', true, APP)).toBe(false);
    expect(isTrustedSender('https://example.org/dist/renderer/index.html', true, APP)).toBe(false);
    expect(isTrustedSender(undefined, true, APP)).toBe(false);
    expect(isTrustedSender('not a url', true, APP)).toBe(false);
  });

  it('answers a trusted call and refuses one from another frame without running it', async () => {
    const ok = await answerIpcCall(call, { url: APP, isMainFrame: true }, APP, 'poles.create', { code: 'P1', name: 'Pôle', kind: 'PAS' });
    expect(ok).toMatchObject({ ok: true, value: { code: 'P1' } });
    const refused = await answerIpcCall(call, { url: 'file:///tmp/evil.html', isMainFrame: true }, APP, 'poles.create', { code: 'P2', name: 'Pôle', kind: 'PAS' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Appel refusé : origine inattendue.' } });
    const poles = await answerIpcCall(call, { url: APP, isMainFrame: true }, APP, 'poles.list', {});
    expect(poles.ok && (poles.value as unknown[]).length).toBe(1);
  });

  it('rejects inputs that fail their schema', async () => {
    const result = await answerIpcCall(call, { url: APP, isMainFrame: true }, APP, 'schools.create', { uai: '0750655A', name: 'X', kind: 'college' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: 'uai', message: 'UAI 0750655A : lettre de contrôle invalide, attendu E.' }] } });
  });
});
