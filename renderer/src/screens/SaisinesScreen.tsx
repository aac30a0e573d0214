// The PAS's tableau de bord: its saisines with their status, nature, school, origin and the step
// overdue, filtered and counted; the reminders of steps late beyond the delay of Paramètres; each
// saisine opening its file. Closed saisines past the retention period are anonymised on arrival.
import { useEffect, useState, type ReactNode } from 'react';
import type { SaisineRow } from '../../../shared/api/saisines.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import {
  expectedLabel, isClosed, SAISINE_ORIGIN_LABELS, SAISINE_ORIGINS, SAISINE_STATUS_LABELS, SAISINE_STATUSES,
  type SaisineOrigin, type SaisineStatus,
} from '../../../shared/domain/saisines.ts';
import { useApi } from '../api.ts';
import { ListScreen } from '../components/ListScreen.tsx';
import type { ListColumn, ListFilter } from '../lists/model.ts';
import { SaisineFile } from '../saisines/SaisineFile.tsx';
import '../saisines/saisines.css';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';

const COLUMNS: ListColumn<SaisineRow>[] = [
  { header: 'N°', width: 0.8, min: 80, value: (s) => s.number, render: (s) => s.number },
  { header: 'Reçue le', width: 0.8, min: 90, type: 'date', value: (s) => s.receivedOn, render: (s) => formatDate(s.receivedOn) },
  { header: 'Élève', width: 1.4, value: (s) => s.pupilName, render: (s) => s.pupilName ?? <span className="muted">anonymisé</span> },
  { header: 'Établissement', width: 1.6, value: (s) => s.schoolName, render: (s) => s.schoolName },
  { header: 'Nature', width: 1.6, value: (s) => s.natureLabel, render: (s) => s.natureLabel },
  { header: 'Origine', width: 1.1, value: (s) => SAISINE_ORIGIN_LABELS[s.origin], render: (s) => SAISINE_ORIGIN_LABELS[s.origin] },
  { header: 'Statut', width: 1, value: (s) => SAISINE_STATUSES.indexOf(s.status), type: 'number', render: (s) => SAISINE_STATUS_LABELS[s.status] },
  {
    header: 'Retard', width: 0.7, align: 'right', type: 'number', value: (s) => s.overdue?.daysLate ?? null,
    render: (s) => (s.overdue ? <span className="saisine-days-late" title={expectedLabel(s.overdue)}>{s.overdue.daysLate} j</span> : ''),
  },
];
const searchIn = (s: SaisineRow): (string | null)[] => [s.number, s.pupilName, s.schoolName, s.uai, s.natureLabel, s.requester, s.poleCode];

function filtersFor(rows: readonly SaisineRow[]): ListFilter<SaisineRow>[] {
  const filters: ListFilter<SaisineRow>[] = [
    { id: 'status', label: 'Statut', all: 'Tous les statuts', values: (s) => [s.status], name: (v) => SAISINE_STATUS_LABELS[v as SaisineStatus], order: SAISINE_STATUSES },
    { id: 'nature', label: 'Nature', all: 'Toutes les natures', values: (s) => [s.natureLabel], name: (v) => v },
    { id: 'school', label: 'Établissement', all: 'Tous les établissements', values: (s) => [s.schoolName], name: (v) => v },
    { id: 'origin', label: 'Origine', all: 'Toutes les origines', values: (s) => [s.origin], name: (v) => SAISINE_ORIGIN_LABELS[v as SaisineOrigin], order: SAISINE_ORIGINS },
    { id: 'late', label: 'Étape en retard', all: 'Retard ou non', values: (s) => [s.overdue ? 'late' : 'ontime'], name: (v) => (v === 'late' ? 'étape en retard' : 'sans retard'), order: ['late', 'ontime'] },
  ];
  // A département's coordinator sees every PAS; a PAS's own only theirs.
  if (new Set(rows.map((s) => s.poleId)).size > 1) {
    filters.unshift({ id: 'pole', label: 'PAS', all: 'Tous les PAS', values: (s) => [s.poleCode], name: (v) => v });
  }
  return filters;
}

const REMINDERS_SHOWN = 6;

/** The steps late, the latest first: what the coordinator has to do this week. */
function Reminders({ rows, onOpen }: { rows: readonly SaisineRow[]; onOpen(id: number): void }): ReactNode {
  const late = rows.filter((s) => s.overdue !== null).sort((a, b) => b.overdue!.daysLate - a.overdue!.daysLate);
  const open = rows.filter((s) => !isClosed(s.status)).length;
  return (
    <section className="saisine-reminders" aria-label="Rappels">
      <p className="saisine-counts">
        <strong>{countOf(rows.length, 'saisine')}</strong> : {countOf(open, 'en cours', 'en cours')}, {countOf(rows.length - open, 'close', 'closes')},{' '}
        <strong className={late.length > 0 ? 'saisine-days-late' : undefined}>{countOf(late.length, 'étape en retard', 'étapes en retard')}</strong>
      </p>
      {late.length > 0 ? (
        <ul>
          {late.slice(0, REMINDERS_SHOWN).map((s) => (
            <li key={s.id}>
              <button type="button" className="link" onClick={() => onOpen(s.id)}>{s.poleCode} {s.number}</button>
              {' '}({s.pupilName ?? 'anonymisé'}, {s.schoolName}) — {expectedLabel(s.overdue!)} attendue depuis le {formatDate(s.overdue!.dueOn)}, {countOf(s.overdue!.daysLate, 'jour')} de retard.
            </li>
          ))}
          {late.length > REMINDERS_SHOWN ? <li className="muted">et {countOf(late.length - REMINDERS_SHOWN, 'autre')} (filtre « Étape en retard »).</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

export function SaisinesScreen(): ReactNode {
  const api = useApi();
  const [opened, setOpened] = useState<number | 'new' | null>(null);
  // Anonymised before the register is read, so that nothing past the retention period shows.
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    const { changed, notify } = useUi.getState();
    void api('saisines.anonymiseExpired', {}).then(({ anonymised }) => {
      if (anonymised > 0) {
        changed();
        notify(`${countOf(anonymised, 'saisine close anonymisée', 'saisines closes anonymisées')} (durée de conservation dépassée).`);
      }
    }, (error: unknown) => useUi.getState().notify((error as Error).message, 'error')).finally(() => setChecked(true));
  }, [api]);
  const saisines = useApiData('saisines.list', {}, checked);
  if (opened !== null) return <SaisineFile id={opened} onBack={() => setOpened(null)} onOpen={setOpened} />;
  const rows = saisines.data;
  return (
    <div className="saisines-screen">
      {rows ? <Reminders rows={rows} onOpen={setOpened} /> : null}
      <ListScreen
        screen="saisines" title="Saisines (PAS)" nouns={{ one: 'saisine', other: 'saisines', none: 'Aucune saisine' }} searchLabel="Rechercher une saisine"
        nothing="Aucune saisine pour l’instant : « Nouvelle saisine » enregistre la première."
        rows={rows} error={saisines.error} columns={COLUMNS} filters={filtersFor(rows ?? [])} searchIn={searchIn}
        actions={<button type="button" className="primary" onClick={() => setOpened('new')}>Nouvelle saisine</button>}
        onOpen={(row) => setOpened(row.id)}
      />
    </div>
  );
}
