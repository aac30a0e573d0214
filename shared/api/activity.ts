// Every pôle's activity over a period over the API: what is asked (a pôle or all, a date range, a
// holiday zone when not Paramètres' calendar) and what comes back (shared/activity/figures.ts). The
// figures run as a job, since a school year at the département's scale analyses some thirty-six weeks.
import { z } from 'zod';
import { HOLIDAY_ZONES } from '../activity/calendar.ts';
import { isoDate } from './fields.ts';

const ACTIVITY_FORMATS = ['xlsx', 'pdf'] as const;

const period = z.object({
  /** A pôle's code; every pôle when left out. */
  pole: z.string().min(1).max(40).optional(),
  from: isoDate,
  to: isoDate,
  /** The national calendar of this zone instead of Paramètres' holidays (the command line's --zone). */
  zone: z.enum(HOLIDAY_ZONES).optional(),
});
const checkPeriod = (value: { from: string; to: string }, ctx: z.RefinementCtx): void => {
  if (value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin de la période précède son début.' });
};
export const activityInput = period.superRefine(checkPeriod);
export type ActivityInput = z.output<typeof activityInput>;
export const activityExportInput = period.extend({ format: z.enum(ACTIVITY_FORMATS) }).superRefine(checkPeriod);

export type { ActivityFigures, PoleActivity } from '../activity/figures.ts';
