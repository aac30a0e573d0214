import { useState, type ReactNode } from 'react';
import type { PoleRow } from '../../../shared/api/entities.ts';
import { poleFields } from '../../../shared/api/inputs.ts';
import { POLE_KIND_LABELS, POLE_KINDS } from '../../../shared/domain/enums.ts';
import { poleDependants } from '../../../shared/domain/pole-dependants.ts';
import { DeleteButton } from '../components/common.tsx';
import { FormError, SelectField, TextField, useForm, useRowVersion } from '../components/form.tsx';
import { ListScreen } from '../components/ListScreen.tsx';
import type { Column } from '../components/VirtualTable.tsx';
import { PackageExport } from '../exchange/PackageExport.tsx';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

const COLUMNS: Column<PoleRow>[] = [
  { header: 'Code', width: 1.2, render: (p) => p.code },
  { header: 'Nom', width: 2.5, render: (p) => p.name },
  { header: 'Type', width: 1.1, render: (p) => POLE_KIND_LABELS[p.kind] },
  { header: 'Coordonnateur', width: 1.6, render: (p) => p.coordinator ?? '—' },
  { header: 'Établissements', width: 1, align: 'right', render: (p) => p.schoolCount },
  { header: 'AESH', width: 0.6, align: 'right', render: (p) => p.aeshCount },
];
const searchIn = (p: PoleRow): (string | null)[] => [p.code, p.name, p.coordinator, p.pilot];

function PoleForm({ pole, onDone }: { pole: PoleRow | null; onDone(id: number | null): void }): ReactNode {
  const mutate = useMutation();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const form = useForm(poleFields, {
    code: pole?.code ?? '', name: pole?.name ?? '', kind: pole?.kind ?? 'PIAL_1D',
    coordinator: pole?.coordinator ?? '', pilot: pole?.pilot ?? '',
  });
  const version = useRowVersion(pole);
  const save = (): Promise<void> => form.submit(async (values) => {
    const saved = pole === null
      ? await mutate('poles.create', values, 'Pôle créé.')
      : await mutate('poles.update', { ...values, id: pole.id, version: version.current }, 'Pôle enregistré.');
    version.saved(saved);
    onDone(saved.id);
  });
  const warning = pole === null ? null : poleDependants(pole.schoolCount, pole.aeshCount);
  // Confirmed only for the dependants the user was shown: any attached since (another window)
  // make the service refuse, and its message says how many there are now.
  const remove = async (shown: PoleRow): Promise<void> => {
    setDeleteError(null);
    try {
      await mutate('poles.delete', { id: shown.id, confirmed: warning !== null }, 'Pôle supprimé.');
      onDone(null);
    } catch (error) {
      setDeleteError((error as Error).message);
    }
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      <FormError form={form} />
      {deleteError ? <div className="form-error" role="alert">{deleteError}</div> : null}
      <TextField form={form} name="code" label="Code" hint="Par exemple PIAL-084-001" autoFocus />
      <TextField form={form} name="name" label="Nom" />
      <SelectField form={form} name="kind" label="Type" options={POLE_KINDS.map((k) => [k, POLE_KIND_LABELS[k]])} />
      <TextField form={form} name="coordinator" label="Coordonnateur" />
      <TextField form={form} name="pilot" label="Pilote" hint="IEN de circonscription ou chef d’établissement" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer</button>
        {pole !== null ? (
          <DeleteButton what={`le pôle ${pole.code}`} warning={warning} onConfirm={() => remove(pole)} />
        ) : null}
      </div>
    </form>
  );
}

export function PolesScreen(): ReactNode {
  const poles = useApiData('poles.list', {});
  return (
    <ListScreen
      screen="poles" title="Pôles" nouns={{ one: 'pôle', other: 'pôles', none: 'Aucun pôle' }} searchLabel="Rechercher un pôle"
      rows={poles.data} error={poles.error} columns={COLUMNS} searchIn={searchIn}
      panel={{
        newLabel: 'Nouveau pôle',
        title: (p) => `Pôle ${p.code}`,
        render: (selection, onDone) => {
          const pole = poles.data?.find((p) => p.id === selection) ?? null;
          return (
            <>
              <PoleForm pole={pole} onDone={onDone} />
              {/* The pôle's share of the record, for its coordinator's laptop (or back to the département). */}
              {pole === null ? null : <section className="package-panel" aria-label="Paquet du pôle"><h3>Paquet du pôle</h3><PackageExport pole={pole.code} /></section>}
            </>
          );
        },
      }}
    />
  );
}
