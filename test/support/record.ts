// Test fixtures that go through the real stack: an SQLite record (in memory or in a temp file),
// the real services, and the API dispatch with its schemas. No mock of our own code.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiCall, ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { dispatch, unwrap } from '../../shared/api/dispatch.ts';
import type { RecordConnection } from '../../db/connection.ts';
import { RecordHost, type HostOptions } from '../../electron/record/host.ts';
import { makeUai } from '../../shared/domain/uai.ts';

export interface TestRecord {
  connection: RecordConnection;
  api: ApiCall;
  host: RecordHost;
}

export const FIXED_NOW = new Date('2026-11-23T09:00:00');

/** A record opened as the command line opens it (no backup at start), on a clock stopped at FIXED_NOW. */
export async function openTestRecord(path = ':memory:', options: Partial<HostOptions> = {}): Promise<TestRecord> {
  const host = await RecordHost.start({ path, actor: 'test', now: () => FIXED_NOW, interactive: false, backupAtStart: false, ...options });
  const api = async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
    unwrap(await dispatch(host.handlers, method, input)) as ApiOutput<M>;
  return { connection: host.record!, api, host };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'planif-test-'));
}

/** A small record built through the API: one pôle, one school, one pupil, one AESH. */
export async function seedBasics(api: ApiCall): Promise<{ poleId: number; schoolId: number; pupilId: number; aeshId: number }> {
  const pole = await api('poles.create', { code: 'PIAL-T1', name: 'PIAL de test', kind: 'PIAL_1D' });
  const school = await api('schools.create', { uai: makeUai('0840001'), name: 'École Jean Moulin', kind: 'elementaire', commune: 'Apt', poleId: pole.id });
  const pupil = await api('pupils.create', { identifier: '2025-0001', lastName: 'Martin', firstName: 'Léa', schoolId: school.id, level: 'CE1' });
  const aesh = await api('aesh.create', { matricule: 'A001', lastName: 'Durand', firstName: 'Sophie', poleId: pole.id, skills: 'LSF, TSA' });
  return { poleId: pole.id, schoolId: school.id, pupilId: pupil.id, aeshId: aesh.id };
}
