import { useMemo, type ReactNode } from 'react';
import type { Notification, PupilDetail, PupilRow } from '../../../shared/api/entities.ts';
import { notificationFields, pupilFields } from '../../../shared/api/inputs.ts';
import { addDaysIso, formatDate, type IsoDate } from '../../../shared/domain/dates.ts';
import { LEVELS, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../../../shared/domain/enums.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { inForce } from '../../../shared/domain/notifications.ts';
import type { SupportStatus } from '../../../shared/gaps/indicators.ts';
import { ChildSection } from '../components/ChildSection.tsx';
import { WhoCanAccompany } from '../allocation/Candidates.tsx';
import { RecordFixes } from '../fixes/FixActions.tsx';
import { DeleteButton, Loading } from '../components/common.tsx';
import { CheckboxField, FormError, SelectField, TextField, useForm, useRowVersion } from '../components/form.tsx';
import { ListScreen } from '../components/ListScreen.tsx';
import { STATUS_LABELS } from '../dashboard/DrillPanel.tsx';
import type { ListColumn, ListFilter } from '../lists/model.ts';
import { Named, poleFilter, poleName, usePoleNames } from '../lists/names.tsx';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

function notificationSummary(kind: PupilRow['currentKind'], minutes: number | null): string {
  if (kind === null) return '—';
  return kind === 'individual' ? `individuelle ${formatHours(minutes ?? 0)}` : 'mutualisée';
}

/** A pupil as the list shows it: with the pôle's name and the situation the indicators give. */
interface PupilItem extends PupilRow {
  poleName: string | null;
  status: SupportStatus | null;
  /** The notification in force ends within the notice the settings give (as the alerts say). */
  expiring: boolean;
}

/** The situations a pupil may be in, in the order a coordinator reads them. */
const SITUATIONS: Record<string, string> = {
  none: 'sans AESH', partial: 'en partie', full: 'en totalité', expiring: 'notification expirant', unnotified: 'sans notification en cours',
};
const situationsOf = (p: PupilItem): string[] => [
  ...(p.status === null ? [] : [p.status]), ...(p.expiring ? ['expiring'] : []), ...(p.currentKind === null ? ['unnotified'] : []),
];

const COLUMNS: ListColumn<PupilItem>[] = [
  { header: 'Nom', width: 1.1, value: (p) => p.lastName, render: (p) => p.lastName },
  { header: 'Prénom', width: 1, value: (p) => p.firstName, render: (p) => p.firstName },
  { header: 'Identifiant', width: 1, min: 92, value: (p) => p.identifier, render: (p) => p.identifier },
  { header: 'Établissement', width: 2, value: (p) => p.schoolName, render: (p) => <Named name={p.schoolName} code={p.schoolUai} /> },
  { header: 'Pôle', width: 1.3, value: (p) => p.poleName, render: (p) => <Named name={p.poleName} code={p.poleCode} /> },
  { header: 'Niveau', width: 0.7, min: 48, value: (p) => `${p.level ?? ''}${p.ulis ? ' ULIS' : ''}`, render: (p) => `${p.level ?? ''}${p.ulis ? ' ULIS' : ''}` },
  { header: 'Notification en cours', width: 1.4, value: (p) => notificationSummary(p.currentKind, p.currentWeeklyMinutes), render: (p) => notificationSummary(p.currentKind, p.currentWeeklyMinutes) },
  { header: 'Situation', width: 1, min: 84, value: (p) => (p.status === null ? null : STATUS_LABELS[p.status]), render: (p) => (p.status === null ? '—' : STATUS_LABELS[p.status]) },
  { header: 'Fin', width: 0.9, min: 84, type: 'date', value: (p) => p.currentEndDate, render: (p) => formatDate(p.currentEndDate) },
];
const searchIn = (p: PupilItem): (string | null)[] => [p.lastName, p.firstName, p.identifier, p.schoolName, p.schoolUai, p.poleCode, p.poleName];

function PupilForm({ pupil, onDone }: { pupil: PupilDetail | null; onDone(id: number | null): void }): ReactNode {
  const mutate = useMutation();
  const schools = useApiData('schools.list', {});
  const form = useForm(pupilFields, {
    identifier: pupil?.identifier ?? '', lastName: pupil?.lastName ?? '', firstName: pupil?.firstName ?? '',
    birthDate: formatDate(pupil?.birthDate), schoolId: pupil ? String(pupil.schoolId) : '', level: pupil?.level ?? '',
    className: pupil?.className ?? '', ulis: pupil?.ulis ?? false,
  });
  const version = useRowVersion(pupil);
  const save = (): Promise<void> => form.submit(async (values) => {
    const saved = pupil === null
      ? await mutate('pupils.create', values, 'Élève créé.')
      : await mutate('pupils.update', { ...values, id: pupil.id, version: version.current }, 'Élève enregistré.');
    version.saved(saved);
    onDone(saved.id);
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      <FormError form={form} />
      <TextField form={form} name="identifier" label="Identifiant" hint="N° de dossier MDPH ou identifiant local" autoFocus />
      <div className="field-row">
        <TextField form={form} name="lastName" label="Nom" />
        <TextField form={form} name="firstName" label="Prénom" />
      </div>
      <TextField form={form} name="birthDate" label="Date de naissance" placeholder="jj/mm/aaaa" />
      <SelectField form={form} name="schoolId" label="Établissement" empty="— choisir —"
        options={(schools.data ?? []).map((s) => [String(s.id), `${s.name} (${s.uai}${s.commune ? `, ${s.commune}` : ''})`])} />
      <div className="field-row">
        <SelectField form={form} name="level" label="Niveau" empty="—" options={LEVELS.map((l) => [l, l])} />
        <TextField form={form} name="className" label="Classe" />
      </div>
      <CheckboxField form={form} name="ulis" label="Scolarisé en ULIS" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer</button>
        {pupil !== null ? (
          <DeleteButton what={`l’élève ${pupil.firstName} ${pupil.lastName} et ses notifications`}
            onConfirm={async () => { await mutate('pupils.delete', { id: pupil.id }, 'Élève supprimé.'); onDone(null); }} />
        ) : null}
      </div>
    </form>
  );
}

function NotificationForm({ pupilId, notification, close }: { pupilId: number; notification: Notification | null; close(): void }): ReactNode {
  const mutate = useMutation();
  const form = useForm(notificationFields, {
    pupilId: String(pupilId), kind: notification?.kind ?? 'individual',
    weeklyHours: notification?.weeklyMinutes != null ? formatHours(notification.weeklyMinutes) : '',
    startDate: formatDate(notification?.startDate), endDate: formatDate(notification?.endDate),
    lunchBreak: notification?.lunchBreak ?? false, activities: notification?.activities ?? '',
  });
  const version = useRowVersion(notification);
  const save = (): Promise<void> => form.submit(async (values) => {
    if (notification === null) await mutate('notifications.create', values, 'Notification ajoutée.');
    else await mutate('notifications.update', { ...values, id: notification.id, version: version.current }, 'Notification enregistrée.');
    close();
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Notification">
      <FormError form={form} />
      <div className="field-row">
        <SelectField form={form} name="kind" label="Type d’aide" options={NOTIFICATION_KINDS.map((k) => [k, NOTIFICATION_KIND_LABELS[k]])} />
        <TextField form={form} name="weeklyHours" label="Heures hebdomadaires" hint={form.values.kind === 'shared' ? 'Sans heures pour une aide mutualisée' : 'Par exemple 12 ou 12 h 30'} />
      </div>
      <div className="field-row">
        <TextField form={form} name="startDate" label="Début" placeholder="jj/mm/aaaa" />
        <TextField form={form} name="endDate" label="Fin" placeholder="jj/mm/aaaa" />
      </div>
      <CheckboxField form={form} name="lunchBreak" label="Accompagnement sur la pause méridienne" />
      <TextField form={form} name="activities" label="Activités" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer la notification</button>
        <button type="button" onClick={close}>Annuler</button>
        {notification !== null ? (
          <DeleteButton what="cette notification" onConfirm={async () => { await mutate('notifications.delete', { id: notification.id }, 'Notification supprimée.'); close(); }} />
        ) : null}
      </div>
    </form>
  );
}

function describeNotification(n: Notification, today: IsoDate): ReactNode {
  const current = inForce(n, today);
  return (
    <>
      <strong>{n.kind === 'individual' ? `Individuelle, ${formatHours(n.weeklyMinutes ?? 0)} par semaine` : 'Mutualisée'}</strong>
      <span> du {formatDate(n.startDate)} au {formatDate(n.endDate)}</span>
      {n.lunchBreak ? <span className="tag">pause méridienne</span> : null}
      {current ? <span className="tag tag-ok">en cours</span> : null}
    </>
  );
}

function PupilPanel({ id, onDone }: { id: number | 'new'; onDone(id: number | null): void }): ReactNode {
  const detail = useApiData('pupils.get', { id: id === 'new' ? 0 : id }, id !== 'new');
  const today = useUi((s) => s.today);
  if (id === 'new') return <PupilForm pupil={null} onDone={onDone} />;
  if (detail.data === undefined) return <Loading error={detail.error} />;
  const pupil = detail.data;
  return (
    <>
      <PupilForm key={pupil.id} pupil={pupil} onDone={onDone} />
      <ChildSection
        title="Notifications CDAPH"
        items={pupil.notifications}
        empty="Aucune notification : aucun AESH ne peut être placé auprès de cet élève."
        addLabel="Ajouter une notification"
        describe={(n) => describeNotification(n, today)}
        renderForm={(n, close) => <NotificationForm pupilId={pupil.id} notification={n} close={close} />}
      />
      <RecordFixes subject={{ kind: 'pupil', id: pupil.id, schoolId: pupil.schoolId }} />
      <WhoCanAccompany pupilId={pupil.id} schoolId={pupil.schoolId} />
    </>
  );
}

export function PupilsScreen(): ReactNode {
  const today = useUi((s) => s.today);
  const pupils = useApiData('pupils.list', { date: today });
  const statuses = useApiData('indicators.pupils', { date: today });
  const settings = useApiData('settings.get', {});
  const names = usePoleNames();
  const rows = useMemo(() => {
    if (pupils.data === undefined || statuses.data === undefined || settings.data === undefined || names === undefined) return undefined;
    const statusOf = new Map(statuses.data.map((s) => [s.pupilId, s.status]));
    const notice = addDaysIso(today, settings.data.expiringNoticeDays);
    return pupils.data.map((p): PupilItem => ({
      ...p, poleName: poleName(names, p.poleCode), status: statusOf.get(p.id) ?? null,
      expiring: p.currentEndDate !== null && p.currentEndDate <= notice,
    }));
  }, [pupils.data, statuses.data, settings.data, names, today]);
  const filters = useMemo((): ListFilter<PupilItem>[] => {
    const schools = new Map((rows ?? []).map((p) => [p.schoolUai, `${p.schoolName} (${p.schoolUai})`]));
    return [
      poleFilter(names ?? new Map(), (p) => p.poleCode),
      { id: 'school', label: 'Établissement', all: 'Tous les établissements', values: (p) => [p.schoolUai], name: (uai) => schools.get(uai) ?? uai },
      { id: 'situation', label: 'Situation', all: 'Toutes les situations', values: situationsOf, name: (s) => SITUATIONS[s] ?? s, order: Object.keys(SITUATIONS) },
    ];
  }, [names, rows]);
  return (
    <ListScreen
      screen="pupils" title="Élèves" nouns={{ one: 'élève', other: 'élèves', none: 'Aucun élève' }} searchLabel="Rechercher un élève"
      rows={rows} error={pupils.error ?? statuses.error ?? settings.error} columns={COLUMNS} filters={filters} searchIn={searchIn} exportAs="pupils"
      panel={{
        newLabel: 'Nouvel élève',
        title: (p) => `${p.firstName} ${p.lastName}`,
        render: (selection, onDone) => <PupilPanel id={selection} onDone={onDone} />,
      }}
    />
  );
}
