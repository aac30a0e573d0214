import type { ReactNode } from 'react';
import type { Absence, AeshDetail, AeshRow, Contract } from '../../../shared/api/entities.ts';
import { absenceFields, aeshFields, contractFields } from '../../../shared/api/inputs.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { CONTRACT_KINDS } from '../../../shared/domain/enums.ts';
import { formatHours, formatInteger } from '../../../shared/domain/hours.ts';
import { ChildSection } from '../components/ChildSection.tsx';
import { DeleteButton, Loading } from '../components/common.tsx';
import { CheckboxField, FormError, SelectField, TextField, useForm, useRowVersion } from '../components/form.tsx';
import { ListScreen } from '../components/ListScreen.tsx';
import type { Column } from '../components/VirtualTable.tsx';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

const COLUMNS: Column<AeshRow>[] = [
  { header: 'Matricule', width: 1.1, min: 88, render: (a) => a.matricule },
  { header: 'Nom', width: 1.1, render: (a) => a.lastName },
  { header: 'Prénom', width: 1, render: (a) => `${a.firstName}${a.referent ? ' (référent)' : ''}` },
  { header: 'Pôle', width: 1.1, render: (a) => a.poleCode ?? '—' },
  { header: 'Contrat', width: 1, render: (a) => (a.contractKind ? `${a.contractKind} ${formatHours(a.contractWeeklyMinutes ?? 0)}` : 'aucun en cours') },
  { header: 'Fin de contrat', width: 1, min: 84, render: (a) => (a.contractKind === 'CDI' ? '—' : formatDate(a.contractEndDate)) },
  { header: 'Planifié / semaine', width: 1.1, align: 'right', render: (a) => formatHours(a.scheduledWeeklyMinutes) },
];

function AeshForm({ aesh, onDone }: { aesh: AeshDetail | null; onDone(id: number | null): void }): ReactNode {
  const mutate = useMutation();
  const poles = useApiData('poles.list', {});
  const form = useForm(aeshFields, {
    matricule: aesh?.matricule ?? '', lastName: aesh?.lastName ?? '', firstName: aesh?.firstName ?? '',
    homeCommune: aesh?.homeCommune ?? '', poleId: aesh?.poleId ? String(aesh.poleId) : '',
    skills: (aesh?.skills ?? []).join(', '), referent: aesh?.referent ?? false,
  });
  const version = useRowVersion(aesh);
  const save = (): Promise<void> => form.submit(async (values) => {
    const saved = aesh === null
      ? await mutate('aesh.create', values, 'AESH créé.')
      : await mutate('aesh.update', { ...values, id: aesh.id, version: version.current }, 'AESH enregistré.');
    version.saved(saved);
    onDone(saved.id);
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      <FormError form={form} />
      <TextField form={form} name="matricule" label="Matricule" autoFocus />
      <div className="field-row">
        <TextField form={form} name="lastName" label="Nom" />
        <TextField form={form} name="firstName" label="Prénom" />
      </div>
      <TextField form={form} name="homeCommune" label="Commune de résidence" />
      <SelectField form={form} name="poleId" label="Pôle" empty="— aucun —" options={(poles.data ?? []).map((p) => [String(p.id), `${p.code} — ${p.name}`])} />
      <TextField form={form} name="skills" label="Compétences" hint="Séparées par des virgules : LSF, TSA, braille…" />
      <CheckboxField form={form} name="referent" label="AESH référent (lettre de mission)" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer</button>
        {aesh !== null ? (
          <DeleteButton what={`${aesh.firstName} ${aesh.lastName}, ses contrats, absences et créneaux`}
            onConfirm={async () => { await mutate('aesh.delete', { id: aesh.id }, 'AESH supprimé.'); onDone(null); }} />
        ) : null}
      </div>
    </form>
  );
}

function ContractForm({ aeshId, contract, close }: { aeshId: number; contract: Contract | null; close(): void }): ReactNode {
  const mutate = useMutation();
  const form = useForm(contractFields, {
    aeshId: String(aeshId), kind: contract?.kind ?? 'CDD', startDate: formatDate(contract?.startDate),
    endDate: formatDate(contract?.endDate), weeklyHours: contract ? formatHours(contract.weeklyMinutes) : '24',
  });
  const version = useRowVersion(contract);
  const save = (): Promise<void> => form.submit(async (values) => {
    if (contract === null) await mutate('contracts.create', values, 'Contrat ajouté.');
    else await mutate('contracts.update', { ...values, id: contract.id, version: version.current }, 'Contrat enregistré.');
    close();
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Contrat">
      <FormError form={form} />
      <div className="field-row">
        <SelectField form={form} name="kind" label="Contrat" options={CONTRACT_KINDS.map((k) => [k, k])} />
        <TextField form={form} name="weeklyHours" label="Heures d’accompagnement par semaine" />
      </div>
      <div className="field-row">
        <TextField form={form} name="startDate" label="Début" placeholder="jj/mm/aaaa" />
        <TextField form={form} name="endDate" label="Fin" placeholder={form.values.kind === 'CDI' ? 'sans fin (CDI)' : 'jj/mm/aaaa'} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer le contrat</button>
        <button type="button" onClick={close}>Annuler</button>
        {contract !== null ? (
          <DeleteButton what="ce contrat" onConfirm={async () => { await mutate('contracts.delete', { id: contract.id }, 'Contrat supprimé.'); close(); }} />
        ) : null}
      </div>
    </form>
  );
}

function AbsenceForm({ aeshId, absence, close }: { aeshId: number; absence: Absence | null; close(): void }): ReactNode {
  const mutate = useMutation();
  const form = useForm(absenceFields, {
    aeshId: String(aeshId), startDate: formatDate(absence?.startDate), endDate: formatDate(absence?.endDate), reason: absence?.reason ?? '',
  });
  const version = useRowVersion(absence);
  const save = (): Promise<void> => form.submit(async (values) => {
    if (absence === null) await mutate('absences.create', values, 'Absence enregistrée.');
    else await mutate('absences.update', { ...values, id: absence.id, version: version.current }, 'Absence enregistrée.');
    close();
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Absence">
      <FormError form={form} />
      <div className="field-row">
        <TextField form={form} name="startDate" label="Du" placeholder="jj/mm/aaaa" />
        <TextField form={form} name="endDate" label="Au" placeholder="jj/mm/aaaa" />
      </div>
      <TextField form={form} name="reason" label="Motif" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer l’absence</button>
        <button type="button" onClick={close}>Annuler</button>
        {absence !== null ? (
          <DeleteButton what="cette absence" onConfirm={async () => { await mutate('absences.delete', { id: absence.id }, 'Absence supprimée.'); close(); }} />
        ) : null}
      </div>
    </form>
  );
}

function describeContract(c: Contract): ReactNode {
  return (
    <>
      <strong>{c.kind} — {formatHours(c.weeklyMinutes)} par semaine</strong>
      <span> du {formatDate(c.startDate)}{c.endDate ? ` au ${formatDate(c.endDate)}` : ''}</span>
      <span className="muted"> · {formatInteger(c.annualMinutes / 60)} h par an, quotité {c.quotitePercent} %</span>
    </>
  );
}

function AeshPanel({ id, onDone }: { id: number | 'new'; onDone(id: number | null): void }): ReactNode {
  const detail = useApiData('aesh.get', { id: id === 'new' ? 0 : id }, id !== 'new');
  if (id === 'new') return <AeshForm aesh={null} onDone={onDone} />;
  if (detail.data === undefined) return <Loading error={detail.error} />;
  const aesh = detail.data;
  return (
    <>
      <AeshForm key={aesh.id} aesh={aesh} onDone={onDone} />
      <ChildSection title="Contrats" items={aesh.contracts} empty="Aucun contrat enregistré." addLabel="Ajouter un contrat"
        describe={describeContract} renderForm={(c, close) => <ContractForm aeshId={aesh.id} contract={c} close={close} />} />
      <ChildSection title="Absences" items={aesh.absences} empty="Aucune absence enregistrée." addLabel="Déclarer une absence"
        describe={(a) => <><strong>Du {formatDate(a.startDate)} au {formatDate(a.endDate)}</strong>{a.reason ? <span> — {a.reason}</span> : null}</>}
        renderForm={(a, close) => <AbsenceForm aeshId={aesh.id} absence={a} close={close} />} />
    </>
  );
}

export function AeshScreen(): ReactNode {
  return (
    <ListScreen
      screen="aesh" title="AESH" newLabel="Nouvel AESH" searchLabel="Rechercher un AESH"
      list={useApiData('aesh.list', {})} columns={COLUMNS}
      searchIn={(a) => [a.matricule, a.lastName, a.firstName, a.poleCode, a.homeCommune, a.skills.join(' ')]}
      panelTitle={(a) => `${a.firstName} ${a.lastName}`}
      renderPanel={(selection, onDone) => <AeshPanel id={selection} onDone={onDone} />}
    />
  );
}
