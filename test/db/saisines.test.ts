// The PAS's register over the real services and an in-memory record (clock at 23/11/2026): a
// saisine recorded with a new pupil, its steps and status, undo, the retention period (anonymised
// after it, the figures unchanged, the journal no longer holding the wiped texts), and one
// person's data exported then erased.
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { openTestRecord } from '../support/record.ts';

async function pas(api: ApiCall): Promise<{ poleId: number; schoolId: number; natureId: number }> {
  const pole = await api('poles.create', { code: 'PAS-084-001', name: 'PAS du Luberon', kind: 'PAS', coordinator: 'Claire Roux' });
  const school = await api('schools.create', { uai: makeUai('0840101'), name: 'École Jean Giono', kind: 'elementaire', commune: 'Apt', poleId: pole.id });
  const natures = await api('saisineNatures.list', {});
  return { poleId: pole.id, schoolId: school.id, natureId: natures.find((n) => n.label === 'Troubles du comportement')!.id };
}

const newSaisine = (ids: { poleId: number; schoolId: number; natureId: number }, receivedOn = '2026-09-14') => ({
  poleId: ids.poleId, receivedOn, channel: 'courriel' as const, origin: 'famille' as const,
  requester: 'Mme Bernard', requesterContact: '06 12 34 56 78', natureId: ids.natureId,
  description: 'Crises en classe depuis la rentrée.', plans: ['PAP' as const], educator: 'Nadia Faure',
  pupilLastName: 'Bernard', pupilFirstName: 'Tom', pupilBirthDate: '12/03/2018', pupilSchoolId: ids.schoolId, pupilLevel: 'CE2', pupilClassName: 'CE2 B',
});

describe('the register of saisines', () => {
  it('records a saisine with a new pupil, numbers it in the PAS’s year, and follows its steps', async () => {
    const { api } = await openTestRecord();
    const ids = await pas(api);
    const saisine = await api('saisines.create', newSaisine(ids));
    expect(saisine).toMatchObject({ number: '2026-001', status: 'recue', pupilName: 'Tom Bernard', schoolName: 'École Jean Giono', plans: ['PAP'], stepReached: 0 });
    // Received 14/09, nothing since: the accueil was due 05/10 (21 days), 49 days late on 23/11.
    expect(saisine.overdue).toMatchObject({ step: 1, dueOn: '2026-10-05', daysLate: 49 });
    const pupil = await api('pupils.get', { id: saisine.pupilId! });
    expect(pupil).toMatchObject({ identifier: 'PAS-084-001-2026-001', birthDate: '2018-03-12', notifications: [] });
    expect((await api('saisines.create', newSaisine(ids, '2026-10-02'))).number).toBe('2026-002');

    await api('saisineSteps.create', { saisineId: saisine.id, step: 1, date: '2026-09-15', author: 'Claire Roux', note: 'Appel de la mère.' });
    await api('saisineSteps.create', { saisineId: saisine.id, step: 2, date: '2026-09-22', author: 'Claire Roux' });
    const submitted = await api('saisineSteps.create', { saisineId: saisine.id, step: 5, date: '2026-11-10', author: 'Claire Roux' });
    let file = await api('saisines.get', { id: saisine.id });
    expect(file).toMatchObject({ status: 'pa_soumis', stepReached: 5, overdue: null });
    expect(file.steps.map((s) => s.step)).toEqual([1, 2, 5]);
    await api('saisineSteps.update', { ...submitted, decision: 'valide' });
    file = await api('saisines.get', { id: saisine.id });
    expect(file.status).toBe('pa_valide');

    await expect(api('saisineSteps.create', { saisineId: saisine.id, step: 3, date: '2026-09-01' })).rejects.toThrow('Cette date est avant la réception de la saisine.');
    await expect(api('saisineSteps.create', { saisineId: saisine.id, step: 3, date: '2026-10-01', decision: 'valide' })).rejects.toMatchObject({ issues: [{ path: 'decision', message: 'Seul le plan d’action (étape 5) reçoit une décision des pilotes.' }] });
    await expect(api('saisineSteps.update', { ...submitted, decision: 'a_revoir' })).rejects.toThrow(/modifié depuis son ouverture/);
    await expect(api('saisines.create', { ...newSaisine(ids), number: '2026-001' })).rejects.toThrow('Déjà utilisé par un autre enregistrement.');

    const pial = await api('poles.create', { code: 'PIAL-1', name: 'PIAL 1', kind: 'PIAL_1D' });
    await expect(api('saisines.create', { ...newSaisine(ids), poleId: pial.id })).rejects.toThrow(/choisissez un pôle d’appui à la scolarité/);
  });

  it('closes, refuses a réorientation without its recipient, lists by PAS and undoes a step', async () => {
    const { api } = await openTestRecord();
    const ids = await pas(api);
    const saisine = await api('saisines.create', newSaisine(ids));
    await expect(api('saisines.close', { id: saisine.id, version: saisine.version, closure: 'reorientee', closedOn: '2026-11-20' })).rejects.toMatchObject({ issues: [{ path: 'reorientedTo', message: 'Vers qui la saisine est-elle réorientée ?' }] });
    const closed = await api('saisines.close', { id: saisine.id, version: saisine.version, closure: 'reorientee', reorientedTo: 'mdph', closedOn: '2026-11-20' });
    expect(closed).toMatchObject({ status: 'reorientee', overdue: null, anonymisedFrom: '2028-11-20' });
    expect((await api('saisines.list', { poleId: ids.poleId })).map((s) => s.status)).toEqual(['reorientee']);

    const step = await api('saisineSteps.create', { saisineId: saisine.id, step: 1, date: '2026-09-15' });
    const [line] = await api('journal.list', { limit: 1 });
    expect(line).toMatchObject({ entity: 'saisineSteps', entityId: step.id, action: 'create' });
    await api('journal.undo', { changeId: line!.changeId! });
    expect((await api('saisines.get', { id: saisine.id })).steps).toEqual([]);

    const nature = await api('saisineNatures.create', { label: 'Harcèlement' });
    expect((await api('saisineNatures.list', {})).at(-1)).toEqual(nature);
    await expect(api('saisineNatures.create', { label: 'Harcèlement' })).rejects.toThrow('Déjà utilisé');
  });

  it('anonymises closed saisines past the retention period: the figures stay, the names go, from the journal too', async () => {
    const { api, connection } = await openTestRecord();
    const ids = await pas(api);
    const old = await api('saisines.create', newSaisine(ids, '2024-09-10'));
    await api('saisineSteps.create', { saisineId: old.id, step: 1, date: '2024-09-12', author: 'Claire Roux', note: 'Tom pleure chaque matin.' });
    await api('saisineActions.create', { saisineId: old.id, type: 'conseil', description: 'Conseils à l’enseignante de Tom', startDate: '2024-10-01' });
    const current = await api('saisines.get', { id: old.id });
    await api('saisines.close', { id: old.id, version: current.version, closure: 'cloturee', closedOn: '2024-11-22' });
    // Closed the day after: still within 24 months on 23/11/2026.
    const recent = await api('saisines.create', {
      ...newSaisine(ids, '2024-09-11'), requester: 'M. Roux', requesterContact: '04 90 00 00 00', description: 'Absences répétées.',
      pupilLastName: 'Roux', pupilFirstName: 'Léo',
    });
    await api('saisines.close', { id: recent.id, version: recent.version, closure: 'sans_suite', closedOn: '2024-11-24' });

    expect(await api('saisines.anonymiseExpired', {})).toEqual({ anonymised: 1 });
    const after = await api('saisines.get', { id: old.id });
    expect(after).toMatchObject({
      number: old.number, receivedOn: '2024-09-10', origin: 'famille', channel: 'courriel', natureId: ids.natureId, schoolId: ids.schoolId,
      status: 'cloturee', closedOn: '2024-11-22', anonymisedOn: '2026-11-23',
      requester: null, requesterContact: null, description: null, pupilId: null, pupilName: null,
    });
    expect(after.steps[0]).toMatchObject({ step: 1, date: '2024-09-12', author: 'Claire Roux', note: null });
    expect(after.actions[0]).toMatchObject({ type: 'conseil', description: null, startDate: '2024-10-01' });
    // The pupil was known to the record only through this saisine.
    await expect(api('pupils.get', { id: old.pupilId! })).rejects.toThrow('introuvable');
    expect((await api('saisines.get', { id: recent.id })).requester).toBe('M. Roux');

    const journal = connection.sqlite.prepare('select coalesce(before_json, \'\') || coalesce(after_json, \'\') as text from journal').pluck().all() as string[];
    expect(journal.filter((text) => /Tom|Bernard|pleure|06 12 34|Crises en classe/.test(text))).toEqual([]);
    expect(journal.some((text) => text.includes('Léo'))).toBe(true);
    const [bulk] = await api('journal.list', { limit: 1 });
    await expect(api('journal.undo', { changeId: bulk!.changeId! })).rejects.toThrow();
    await expect(api('saisineSteps.create', { saisineId: old.id, step: 2, date: '2024-09-20' })).rejects.toThrow('Cette saisine est anonymisée');
    expect(await api('saisines.anonymiseExpired', {})).toEqual({ anonymised: 0 });
  });

  it('exports everything about one pupil, then erases it, keeping a pupil who has a notification', async () => {
    const { api } = await openTestRecord();
    const ids = await pas(api);
    const pupil = await api('pupils.create', { identifier: '2026-0042', lastName: 'Garcia', firstName: 'Inès', schoolId: ids.schoolId, level: 'CM1' });
    await api('notifications.create', { pupilId: pupil.id, kind: 'shared', startDate: '2026-09-01', endDate: '2027-08-31' });
    const first = await api('saisines.create', { ...newSaisine(ids), pupilId: pupil.id, requester: 'Mme Garcia' });
    const second = await api('saisines.create', { ...newSaisine(ids), pupilId: pupil.id, receivedOn: '2026-10-05', requester: 'M. Garcia' });
    await api('saisineSteps.create', { saisineId: second.id, step: 1, date: '2026-10-06', note: 'Inès refuse la cantine.' });
    const other = await api('saisines.create', newSaisine(ids));

    const file = await api('saisines.personExport', { saisineId: first.id });
    expect(file.fileName).toBe('donnees-Garcia-Ines-2026-11-23.json');
    const data = JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8')) as {
      pupil: { lastName: string }; notifications: unknown[]; saisines: { number: string; requester: string; steps: { note: string }[] }[];
    };
    expect(data.pupil.lastName).toBe('Garcia');
    expect(data.notifications).toHaveLength(1);
    expect(data.saisines.map((s) => s.requester).sort()).toEqual(['M. Garcia', 'Mme Garcia']);
    expect(data.saisines.flatMap((s) => s.steps.map((st) => st.note))).toEqual(['Inès refuse la cantine.']);

    expect(await api('saisines.personErase', { saisineId: first.id })).toEqual({ saisines: 2, pupilDeleted: false });
    const erased = await api('saisines.get', { id: second.id });
    expect(erased).toMatchObject({ requester: null, pupilId: null, anonymisedOn: '2026-11-23', status: 'recue', schoolId: ids.schoolId });
    expect(erased.steps[0]!.note).toBeNull();
    expect((await api('pupils.get', { id: pupil.id })).lastName).toBe('Garcia');
    expect((await api('saisines.get', { id: other.id })).pupilName).toBe('Tom Bernard');
  });
});
