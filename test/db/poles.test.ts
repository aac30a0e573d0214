// Deleting a pôle in use: its schools and AESH stay in the record without a pôle, so the service
// says what depends on it and deletes only once confirmed; undoing the delete attaches them again.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { openTestRecord, seedBasics, type TestRecord } from '../support/record.ts';

let record: TestRecord;
let ids: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  record = await openTestRecord();
  ids = await seedBasics(record.api);
});

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`refus attendu, obtenu ${String(error)}`);
  return error;
}

describe('deleting a pôle', () => {
  it('refuses while schools and AESH are attached, saying how many, and changes nothing', async () => {
    for (let n = 2; n <= 3; n += 1) {
      await record.api('schools.create', { uai: makeUai(`084000${n}`), name: `École ${n}`, kind: 'elementaire', poleId: ids.poleId });
    }
    for (let n = 2; n <= 12; n += 1) {
      await record.api('aesh.create', { matricule: `A${n}`, lastName: 'Dumont', firstName: `Nathalie ${n}`, poleId: ids.poleId });
    }
    const error = await refusal(record.api('poles.delete', { id: ids.poleId }));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('3 établissements et 12 AESH sont rattachés à ce pôle : ils resteront sans pôle. Confirmez la suppression.');
    expect(await record.api('poles.list', {})).toMatchObject([{ code: 'PIAL-T1', schoolCount: 3, aeshCount: 12 }]);
  });

  it('agrees the warning with a single dependant', async () => {
    await record.api('aesh.delete', { id: ids.aeshId });
    const error = await refusal(record.api('poles.delete', { id: ids.poleId }));
    expect(error.message).toBe('1 établissement est rattaché à ce pôle : il restera sans pôle. Confirmez la suppression.');
  });

  it('deletes once confirmed, and the undo attaches the schools and AESH again', async () => {
    await record.api('poles.delete', { id: ids.poleId, confirmed: true });
    expect(await record.api('poles.list', {})).toEqual([]);
    expect(await record.api('schools.list', {})).toMatchObject([{ poleId: null }]);
    expect(await record.api('aesh.list', {})).toMatchObject([{ poleId: null }]);

    const [last] = await record.api('journal.list', { limit: 1 });
    await record.api('journal.undo', { changeId: last!.changeId! });
    expect(await record.api('poles.list', {})).toMatchObject([{ id: ids.poleId, code: 'PIAL-T1', schoolCount: 1, aeshCount: 1 }]);
  });

  it('deletes an unused pôle without asking', async () => {
    const empty = await record.api('poles.create', { code: 'PIAL-T9', name: 'PIAL vide', kind: 'PIAL_1D' });
    await record.api('poles.delete', { id: empty.id });
    expect((await record.api('poles.list', {})).map((p) => p.code)).toEqual(['PIAL-T1']);
  });
});
