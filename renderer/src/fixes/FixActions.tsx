// The buttons that fix a gap, the same in Alertes and on a pupil's or an AESH's record: they open
// the editor where the fix is made (fixes/actions.ts), the record, or close a notification after a
// confirmation (the CDAPH's decisions are not undone lightly, though the journal can).
import { useState, type ReactNode } from 'react';
import { GAP_LABELS, type Gap } from '../../../shared/gaps/types.ts';
import { useApi } from '../api.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useHistory } from '../timetable/history.ts';
import { fixOf, type Fix } from './actions.ts';

function CloseNotification({ notificationId }: { notificationId: number }): ReactNode {
  const api = useApi();
  const { notify, changed } = useUi();
  const record = useHistory((s) => s.record);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <button type="button" onClick={() => setConfirming(true)}>Clore la notification…</button>;
  const close = async (): Promise<void> => {
    try {
      const done = await api('notifications.closePrevious', { notificationId });
      const label = 'Notification précédente close la veille de la nouvelle';
      record({ changeId: done.changeId, label });
      changed();
      notify(label);
    } catch (error) {
      notify((error as Error).message, 'error');
      setConfirming(false);
    }
  };
  return (
    <span className="fix-confirm" role="group" aria-label="Clore la notification précédente">
      <span>Clore la précédente la veille de la nouvelle ?</span>
      <button type="button" className="primary" onClick={() => void close()}>Clore</button>
      <button type="button" onClick={() => setConfirming(false)}>Annuler</button>
    </span>
  );
}

/** The action of one fix; `about` names the gap for assistive technology, where several sit together. */
export function FixButton({ fix, about }: { fix: Fix; about?: string }): ReactNode {
  const go = useUi((s) => s.fix);
  const open = useUi((s) => s.open);
  const name = about === undefined ? undefined : `${fix.label.replace('…', '')} — ${about}`;
  switch (fix.kind) {
    case 'editor': return <button type="button" aria-label={name} onClick={() => go(fix.intent)}>{fix.label}</button>;
    case 'record': return <button type="button" aria-label={name} onClick={() => open(fix.focus)}>{fix.label}</button>;
    case 'close-notification': return <CloseNotification notificationId={fix.notificationId} />;
  }
}

/** The fix of a gap listed in Alertes; clicks stay off the row, which opens the record. */
export function GapFix({ gap }: { gap: Gap }): ReactNode {
  const date = useUi((s) => s.date);
  const fix = fixOf(gap, date);
  if (fix === null) return null;
  return <span className="gap-fix" onClick={(event) => event.stopPropagation()}><FixButton fix={fix} /></span>;
}

type Subject = { kind: 'pupil'; id: number; schoolId: number } | { kind: 'aesh'; id: number; poleId: number | null };

/**
 * On a record: each gap about the pupil or the AESH today with its fix, and the week in the
 * editor. A record's own fixes (its notifications, contracts) are the record itself: not repeated.
 */
export function RecordFixes({ subject }: { subject: Subject }): ReactNode {
  const { date, fix } = useUi();
  const gaps = useApiData('gaps.list', { date });
  const schools = useApiData('schools.list', {}, subject.kind === 'pupil');
  const poleId = subject.kind === 'aesh' ? subject.poleId : schools.data?.find((s) => s.id === subject.schoolId)?.poleId ?? null;
  const mine = (gaps.data ?? []).filter((g) => (subject.kind === 'pupil' ? g.pupilId : g.aeshId) === subject.id);
  const fixes = mine.flatMap((gap) => {
    const found = fixOf(gap, date);
    return found === null || found.kind === 'record' ? [] : [{ gap, fix: found }];
  });
  return (
    <section className="record-fixes" aria-label="Que faire ?">
      <h3>Que faire ?</h3>
      {fixes.length === 0 && gaps.data !== undefined ? <p className="muted">Aucune alerte à corriger à cette date.</p> : null}
      <ul className="plain-list">
        {fixes.map(({ gap, fix: action }, index) => (
          <li key={`${gap.code}-${index}`}>
            <span><strong>{GAP_LABELS[gap.code]}</strong> <span className="muted">{gap.message}</span></span>
            <FixButton fix={action} about={GAP_LABELS[gap.code]} />
          </li>
        ))}
      </ul>
      {poleId !== null ? (
        <button type="button" onClick={() => fix({ poleId, view: subject.kind, focusId: subject.id, date, opening: null })}>Ouvrir la semaine</button>
      ) : null}
    </section>
  );
}
