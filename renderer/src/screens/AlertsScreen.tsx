// Every gap in support on the chosen date, sorted and filtered like the other lists (by severity,
// type, pôle), each naming what to do and opening the pupil or the AESH it is about.
import { useMemo, type ReactNode } from 'react';
import { GAP_CODES, GAP_LABELS, SEVERITIES, type Gap } from '../../../shared/gaps/types.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { DateInput } from '../components/DateInput.tsx';
import { GapFix } from '../fixes/FixActions.tsx';
import { ListScreen } from '../components/ListScreen.tsx';
import { SeverityBadge } from '../components/SeverityBadge.tsx';
import type { ListColumn, ListFilter } from '../lists/model.ts';
import { Named, poleFilter, poleName, usePoleNames } from '../lists/names.tsx';
import { useUi, type Focus } from '../store.ts';
import { useApiData } from '../useApiData.ts';

/** A gap as the list shows it: numbered (gaps have no id of their own) and with its pôle's name. */
interface AlertItem extends Gap {
  id: number;
  poleName: string | null;
}

const SEVERITY_RANK = new Map(SEVERITIES.map((s, index) => [s, index]));

/** The person's name opens their record; the row itself opens the pupil, or else the AESH. */
function PersonLink({ name, code, focus }: { name: string | null; code: string | null; focus: Focus | null }): ReactNode {
  const open = useUi((s) => s.open);
  if (focus === null) return '—';
  return (
    <button type="button" className="link" onClick={(event) => { event.stopPropagation(); open(focus); }}>
      <Named name={name} code={code} />
    </button>
  );
}

const focusOf = (a: AlertItem): Focus | null =>
  a.pupilId !== null ? { screen: 'pupils', id: a.pupilId } : a.aeshId !== null ? { screen: 'aesh', id: a.aeshId } : null;

const COLUMNS: ListColumn<AlertItem>[] = [
  { header: 'Gravité', width: 0.7, min: 80, type: 'number', id: 'severity', value: (a) => SEVERITY_RANK.get(a.severity)!, render: (a) => <SeverityBadge severity={a.severity} /> },
  {
    header: 'Alerte', width: 4, value: (a) => GAP_LABELS[a.code],
    render: (a) => <div className="alert-cell"><strong>{GAP_LABELS[a.code]}</strong><span className="alert-message" title={a.message}>{a.message}</span></div>,
  },
  { header: 'Pôle', width: 1.3, value: (a) => a.poleName, render: (a) => <Named name={a.poleName} code={a.poleCode} /> },
  { header: 'Élève', width: 1.3, value: (a) => a.pupilName, render: (a) => <PersonLink name={a.pupilName} code={a.pupil} focus={a.pupilId === null ? null : { screen: 'pupils', id: a.pupilId }} /> },
  { header: 'AESH', width: 1.3, value: (a) => a.aeshName, render: (a) => <PersonLink name={a.aeshName} code={a.aesh} focus={a.aeshId === null ? null : { screen: 'aesh', id: a.aeshId }} /> },
  { header: 'Manque / semaine', width: 0.8, min: 70, align: 'right', type: 'minutes', value: (a) => a.missingMinutes, render: (a) => (a.missingMinutes === null ? '—' : formatHours(a.missingMinutes)) },
  { header: 'Message', width: 0, id: 'message', value: (a) => a.message, render: () => null },
];
// The message is in the "Alerte" cell on screen, and a column of its own in the workbook; the
// action that fixes the gap is on screen only.
const SHOWN: ListColumn<AlertItem>[] = [
  ...COLUMNS.filter((c) => c.id !== 'message'),
  { header: 'Action', width: 1.2, min: 120, render: (a) => <GapFix gap={a} /> },
];
const searchIn = (a: AlertItem): (string | null)[] => [a.pupilName, a.pupil, a.aeshName, a.aesh, a.uai, a.poleCode, a.poleName, GAP_LABELS[a.code], a.message];

export function AlertsScreen(): ReactNode {
  const date = useUi((s) => s.date);
  const setDate = useUi((s) => s.setDate);
  const open = useUi((s) => s.open);
  const gaps = useApiData('gaps.list', { date });
  const names = usePoleNames();
  const rows = useMemo(
    () => (gaps.data === undefined || names === undefined ? undefined : gaps.data.map((g, id): AlertItem => ({ ...g, id, poleName: poleName(names, g.poleCode) }))),
    [gaps.data, names],
  );
  const filters = useMemo((): ListFilter<AlertItem>[] => [
    { id: 'severity', label: 'Gravité', all: 'Toutes les gravités', values: (a) => [a.severity], name: (s) => s, order: SEVERITIES },
    { id: 'code', label: 'Type d’alerte', all: 'Tous les types', values: (a) => [a.code], name: (c) => GAP_LABELS[c as Gap['code']], order: GAP_CODES },
    poleFilter(names ?? new Map(), (a) => a.poleCode),
  ], [names]);
  return (
    <ListScreen
      screen="alerts" title="Alertes" nouns={{ one: 'alerte', other: 'alertes', none: 'Aucune alerte' }} searchLabel="Élève, AESH, UAI, pôle…"
      nothing="Aucune rupture d’accompagnement à cette date."
      rows={rows} error={gaps.error} columns={SHOWN} exportColumns={COLUMNS} filters={filters} searchIn={searchIn} exportAs="alerts"
      actions={<DateInput value={date} onChange={setDate} />} rowHeight={58}
      onOpen={(a) => { const focus = focusOf(a); if (focus !== null) open(focus); }}
    />
  );
}
