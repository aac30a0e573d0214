import { useMemo, type ReactNode } from 'react';
import type { Absence, AeshDetail, AeshRow, Contract } from '../../../shared/api/entities.ts';
import { absenceFields, aeshFields, contractFields } from '../../../shared/api/inputs.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { CONTRACT_KINDS } from '../../../shared/domain/enums.ts';
import { formatHours, formatInteger } from '../../../shared/domain/hours.ts';
import { ChildSection } from '../components/ChildSection.tsx';
import { DeleteButton, Loading } from '../components/common.tsx';
import { CheckboxField, FormError, SelectField, TextField, useForm, useRowVersion } from '../components/form.tsx';
import { ListScreen } from '../components/ListScreen.tsx';
import type { ListColumn, ListFilter } from '../lists/model.ts';
import { Named, poleFilter, poleName, usePoleNames } from '../lists/names.tsx';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';
import { RecordFixes } from '../fixes/FixActions.tsx';

/** An AESH as the list shows it: with the pôle's name, the hours left and the contract's end. */
interface AeshItem extends AeshRow {
  poleName: string | null;
  /** Contract hours not yet in the week (negative beyond the contract); null without a contract. */
  spareMinutes: number | null;
  /** A CDD ending before the end of the school year, as the alert "Fin de contrat" says. */
  ending: boolean;
}

const SITUATIONS: Record<string, string> = {
  spare: 'heures libres', over: 'au-delà du contrat', ending: 'contrat se terminant', none: 'sans contrat en cours', referent: 'référent',
};
const situationsOf = (a: AeshItem): string[] => [
  ...(a.spareMinutes !== null && a.spareMinutes > 0 ? ['spare'] : []), ...(a.spareMinutes !== null && a.spareMinutes < 0 ? ['over'] : []),
  ...(a.ending ? ['ending'] : []), ...(a.contractKind === null ? ['none'] : []), ...(a.referent ? ['referent'] : []),
];
const CONTRACTS: Record<string, string> = { CDD: 'CDD', CDI: 'CDI', none: 'aucun en cours' };

const COLUMNS: ListColumn<AeshItem>[] = [
  { header: 'Nom', width: 1.1, value: (a) => a.lastName, render: (a) => a.lastName },
  { header: 'Prénom', width: 1, value: (a) => a.firstName, render: (a) => `${a.firstName}${a.referent ? ' (référent)' : ''}` },
  { header: 'Matricule', width: 1, min: 88, value: (a) => a.matricule, render: (a) => a.matricule },
  { header: 'Pôle', width: 1.9, value: (a) => a.poleName, render: (a) => <Named name={a.poleName} code={a.poleCode} /> },
  { header: 'Contrat', width: 1, value: (a) => (a.contractKind ? `${a.contractKind} ${formatHours(a.contractWeeklyMinutes ?? 0)}` : null), render: (a) => (a.contractKind ? `${a.contractKind} ${formatHours(a.contractWeeklyMinutes ?? 0)}` : 'aucun en cours') },
  { header: 'Fin de contrat', width: 1, min: 84, type: 'date', value: (a) => a.contractEndDate, render: (a) => (a.contractKind === 'CDI' ? '—' : formatDate(a.contractEndDate)) },
  { header: 'Planifié / semaine', width: 1, align: 'right', type: 'minutes', value: (a) => a.scheduledWeeklyMinutes, render: (a) => formatHours(a.scheduledWeeklyMinutes) },
  { header: 'Heures libres', width: 0.9, align: 'right', type: 'minutes', value: (a) => a.spareMinutes, render: (a) => (a.spareMinutes === null ? '—' : formatHours(a.spareMinutes)) },
];
const searchIn = (a: AeshItem): (string | null)[] => [a.lastName, a.firstName, a.matricule, a.poleCode, a.poleName, a.homeCommune, a.skills.join(' ')];

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
      <RecordFixes subject={{ kind: 'aesh', id: aesh.id, poleId: aesh.poleId }} />
    </>
  );
}

export function AeshScreen(): ReactNode {
  const today = useUi((s) => s.today);
  const aesh = useApiData('aesh.list', { date: today });
  const settings = useApiData('settings.get', {});
  const names = usePoleNames();
  const rows = useMemo(() => {
    if (aesh.data === undefined || settings.data === undefined || names === undefined) return undefined;
    const yearEnd = settings.data.schoolYearEnd;
    return aesh.data.map((a): AeshItem => ({
      ...a, poleName: poleName(names, a.poleCode),
      spareMinutes: a.contractWeeklyMinutes === null ? null : a.contractWeeklyMinutes - a.scheduledWeeklyMinutes,
      ending: a.contractEndDate !== null && a.contractEndDate < yearEnd,
    }));
  }, [aesh.data, settings.data, names]);
  const filters = useMemo((): ListFilter<AeshItem>[] => [
    poleFilter(names ?? new Map(), (a) => a.poleCode),
    { id: 'contract', label: 'Contrat', all: 'Tous les contrats', values: (a) => [a.contractKind ?? 'none'], name: (k) => CONTRACTS[k] ?? k, order: Object.keys(CONTRACTS) },
    { id: 'situation', label: 'Situation', all: 'Toutes les situations', values: situationsOf, name: (s) => SITUATIONS[s] ?? s, order: Object.keys(SITUATIONS) },
  ], [names]);
  return (
    <ListScreen
      screen="aesh" title="AESH" nouns={{ one: 'AESH', other: 'AESH', none: 'Aucun AESH' }} searchLabel="Rechercher un AESH"
      rows={rows} error={aesh.error ?? settings.error} columns={COLUMNS} filters={filters} searchIn={searchIn} exportAs="aesh"
      panel={{
        newLabel: 'Nouvel AESH',
        title: (a) => `${a.firstName} ${a.lastName}`,
        render: (selection, onDone) => <AeshPanel id={selection} onDone={onDone} />,
      }}
    />
  );
}
