// Which automatic backups to keep: the last few, then one a day for a week, then one a week for
// a month. Everything else is removed, so that the folder stays small on a laptop.
import { format } from 'date-fns/format';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';

export interface RotationPolicy { last: number; days: number; weeks: number }
export const ROTATION: RotationPolicy = { last: 5, days: 7, weeks: 5 };

const DAY = 24 * 60 * 60 * 1000;

/** The names of the backups to keep among `backups` on `now`. */
export function backupsToKeep(backups: readonly { name: string; at: Date }[], now: Date, policy: RotationPolicy = ROTATION): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set(newestFirst.slice(0, policy.last).map((b) => b.name));
  const seenDays = new Set<string>();
  const seenWeeks = new Set<string>();
  for (const backup of newestFirst) {
    const age = now.getTime() - backup.at.getTime();
    const day = format(backup.at, 'yyyy-MM-dd');
    if (age < policy.days * DAY && !seenDays.has(day)) {
      seenDays.add(day);
      keep.add(backup.name);
    }
    const week = format(startOfISOWeek(backup.at), 'yyyy-MM-dd');
    if (age < policy.weeks * 7 * DAY && !seenWeeks.has(week)) {
      seenWeeks.add(week);
      keep.add(backup.name);
    }
  }
  return keep;
}
