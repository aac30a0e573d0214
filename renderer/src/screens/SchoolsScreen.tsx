import { useMemo, type ReactNode } from 'react';
import type { School, SchoolRow } from '../../../shared/api/entities.ts';
import { fieldError } from '../../../shared/api/errors.ts';
import { schoolFields } from '../../../shared/api/inputs.ts';
import {
  SCHOOL_KIND_LABELS, SCHOOL_KINDS, SECTOR_LABELS, type SchoolKind, SECTORS, WEEK_PATTERN_LABELS, WEEK_PATTERNS, WEEKDAY_LABELS, WEEKDAYS,
} from '../../../shared/domain/enums.ts';
import { defaultGrid, weeklyTeachingMinutes, type WeekGrid } from '../../../shared/domain/grid.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { DeleteButton } from '../components/common.tsx';
import { CommuneField, frenchDecimal } from '../components/CommuneField.tsx';
import { FormError, SelectField, TextField, useForm, useRowVersion } from '../components/form.tsx';
import { formatGridDay, parseGridDay } from '../components/gridText.ts';
import { ListScreen } from '../components/ListScreen.tsx';
import type { ListColumn, ListFilter } from '../lists/model.ts';
import { Named, poleFilter, poleName, usePoleNames } from '../lists/names.tsx';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

interface SchoolItem extends SchoolRow {
  poleName: string | null;
}

const COLUMNS: ListColumn<SchoolItem>[] = [
  { header: 'Nom', width: 2.4, value: (s) => s.name, render: (s) => s.name },
  { header: 'UAI', width: 0.9, min: 80, value: (s) => s.uai, render: (s) => <code>{s.uai}</code> },
  { header: 'Type', width: 1.3, value: (s) => SCHOOL_KIND_LABELS[s.kind], render: (s) => SCHOOL_KIND_LABELS[s.kind] },
  { header: 'Commune', width: 1.3, value: (s) => s.commune, render: (s) => s.commune ?? '—' },
  { header: 'Pôle', width: 1.4, value: (s) => s.poleName, render: (s) => <Named name={s.poleName} code={s.poleCode} /> },
  { header: 'Semaine', width: 0.8, value: (s) => WEEK_PATTERN_LABELS[s.week], render: (s) => WEEK_PATTERN_LABELS[s.week] },
  { header: 'Élèves', width: 0.6, align: 'right', type: 'number', value: (s) => s.pupilCount, render: (s) => s.pupilCount },
];
const searchIn = (s: SchoolItem): (string | null)[] => [s.uai, s.name, s.commune, s.poleCode, s.poleName];

function SchoolForm({ school, onDone }: { school: School | null; onDone(id: number | null): void }): ReactNode {
  const mutate = useMutation();
  const poles = useApiData('poles.list', {});
  const initialGrid = school?.grid ?? defaultGrid('4j', 'elementaire');
  const form = useForm(schoolFields, {
    uai: school?.uai ?? '', name: school?.name ?? '', kind: school?.kind ?? 'elementaire', sector: school?.sector ?? 'public',
    commune: school?.commune ?? '', poleId: school?.poleId ? String(school.poleId) : '', week: school?.week ?? '4j',
    latitude: school?.latitude != null ? frenchDecimal(school.latitude) : '',
    longitude: school?.longitude != null ? frenchDecimal(school.longitude) : '',
    ...Object.fromEntries(WEEKDAYS.map((day) => [`day${day}`, formatGridDay(initialGrid[day])])),
  });
  const version = useRowVersion(school);
  const custom = form.values.week === 'custom';
  const save = (): Promise<void> => form.submit(async (values) => {
    let grid: WeekGrid | null = null;
    if (custom) {
      grid = {};
      for (const day of WEEKDAYS) {
        const parsed = parseGridDay(String(form.values[`day${day}`] ?? ''));
        if (typeof parsed === 'string') throw fieldError('validation', `day${day}`, `${WEEKDAY_LABELS[day]} : ${parsed}.`);
        if (parsed.length > 0) grid[day] = parsed;
      }
    }
    const input = { ...values, grid };
    const saved = school === null
      ? await mutate('schools.create', input, 'Établissement créé.')
      : await mutate('schools.update', { ...input, id: school.id, version: version.current }, 'Établissement enregistré.');
    version.saved(saved);
    onDone(saved.id);
  });
  const shownGrid = custom ? null : defaultGrid(form.values.week as School['week'], form.values.kind as School['kind']);
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      <FormError form={form} />
      <TextField form={form} name="uai" label="UAI" hint="7 chiffres et la lettre de contrôle, par exemple 0840001X" autoFocus />
      <TextField form={form} name="name" label="Nom" />
      <div className="field-row">
        <SelectField form={form} name="kind" label="Type" options={SCHOOL_KINDS.map((k) => [k, SCHOOL_KIND_LABELS[k]])} />
        <SelectField form={form} name="sector" label="Secteur" options={SECTORS.map((s) => [s, SECTOR_LABELS[s]])} />
      </div>
      <CommuneField form={form} />
      <SelectField form={form} name="poleId" label="Pôle" empty="— aucun —" options={(poles.data ?? []).map((p) => [String(p.id), `${p.code} — ${p.name}`])} />
      <SelectField form={form} name="week" label="Semaine scolaire" options={WEEK_PATTERNS.map((w) => [w, WEEK_PATTERN_LABELS[w]])} />
      {custom ? (
        <fieldset className="grid-editor">
          <legend>Horaires par jour</legend>
          <p className="field-hint">Plages séparées par des virgules, par exemple 08:00-12:00, 13:30-17:30. Vide : fermé.</p>
          {WEEKDAYS.map((day) => <TextField key={day} form={form} name={`day${day}`} label={WEEKDAY_LABELS[day]} />)}
        </fieldset>
      ) : shownGrid ? (
        <p className="field-hint">
          {WEEKDAYS.filter((d) => shownGrid[d]).map((d) => `${WEEKDAY_LABELS[d]} ${formatGridDay(shownGrid[d])}`).join(' · ')}
          {' '}— {formatHours(weeklyTeachingMinutes(shownGrid))} par semaine
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer</button>
        {school !== null ? (
          <DeleteButton what={`l’établissement ${school.uai}`} onConfirm={async () => { await mutate('schools.delete', { id: school.id }, 'Établissement supprimé.'); onDone(null); }} />
        ) : null}
      </div>
    </form>
  );
}

export function SchoolsScreen(): ReactNode {
  const schools = useApiData('schools.list', {});
  const names = usePoleNames();
  const rows = useMemo(
    () => (schools.data === undefined || names === undefined ? undefined : schools.data.map((s): SchoolItem => ({ ...s, poleName: poleName(names, s.poleCode) }))),
    [schools.data, names],
  );
  const filters = useMemo((): ListFilter<SchoolItem>[] => [
    poleFilter(names ?? new Map(), (s) => s.poleCode),
    { id: 'kind', label: 'Type', all: 'Tous les types', values: (s) => [s.kind], name: (k) => SCHOOL_KIND_LABELS[k as SchoolKind], order: SCHOOL_KINDS },
    { id: 'commune', label: 'Commune', all: 'Toutes les communes', values: (s) => (s.commune === null ? [] : [s.commune]), name: (c) => c },
  ], [names]);
  return (
    <ListScreen
      screen="schools" title="Établissements" nouns={{ one: 'établissement', other: 'établissements', none: 'Aucun établissement' }}
      searchLabel="Rechercher un établissement"
      rows={rows} error={schools.error} columns={COLUMNS} filters={filters} searchIn={searchIn} exportAs="schools"
      panel={{
        newLabel: 'Nouvel établissement',
        title: (s) => s.name,
        render: (selection, onDone) => <SchoolForm school={schools.data?.find((s) => s.id === selection) ?? null} onDone={onDone} />,
      }}
    />
  );
}
