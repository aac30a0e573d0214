import { formatDate, rangesOverlap, type IsoDate } from './dates.ts';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from './enums.ts';

export interface NotificationPeriod {
  id?: number;
  kind: NotificationKind;
  startDate: IsoDate;
  endDate: IsoDate;
}

/**
 * A pupil cannot hold an individual and a shared notification over the same period (Code de
 * l'éducation D.351-16-1); yet the CDAPH decides so at times, and the record keeps what it
 * decided: the callers refuse only an overlap of one kind (the notified hours would be ambiguous;
 * the older one must be shortened first) and report one of the other kind as the
 * NOTIFICATION_CONFLICT gap. Returns the French reason, or null when `candidate` fits beside `others`.
 */
export function notificationConflict(candidate: NotificationPeriod, others: readonly NotificationPeriod[]): string | null {
  const clash = others.find(
    (other) => (candidate.id === undefined || other.id !== candidate.id) && rangesOverlap(candidate.startDate, candidate.endDate, other.startDate, other.endDate),
  );
  if (clash === undefined) return null;
  const period = `la notification ${NOTIFICATION_KIND_LABELS[clash.kind]} du ${formatDate(clash.startDate)} au ${formatDate(clash.endDate)}`;
  return clash.kind === candidate.kind
    ? `Chevauche ${period} : raccourcissez-la d'abord.`
    : `Chevauche ${period} : un élève ne peut avoir une aide individuelle et une aide mutualisée sur la même période (art. D.351-16-1).`;
}

export function inForce(period: { startDate: IsoDate; endDate: IsoDate | null }, date: IsoDate): boolean {
  return period.startDate <= date && (period.endDate === null || date <= period.endDate);
}

interface PupilNotification { id: number; pupilId: number; startDate: IsoDate; endDate: IsoDate }

/**
 * The notification in force on `date` for each pupil who has one. Two decisions of different
 * kinds may overlap (kept as the CDAPH decided, see notificationConflict): the latest decision wins (the later start, then the
 * higher id), so that the pupils' list, the gaps and the indicators all read the same one.
 */
export function notificationsInForce<T extends PupilNotification>(notifications: readonly T[], date: IsoDate): Map<number, T> {
  const current = new Map<number, T>();
  for (const n of notifications) {
    if (!inForce(n, date)) continue;
    const held = current.get(n.pupilId);
    if (held === undefined || n.startDate > held.startDate || (n.startDate === held.startDate && n.id > held.id)) current.set(n.pupilId, n);
  }
  return current;
}
