import type { ApiHandlers } from '../../shared/api/contract.ts';
import { ApiError, fieldError } from '../../shared/api/errors.ts';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '../../shared/domain/enums.ts';
import { byFrench } from '../../shared/domain/collate.ts';
import { birthDateProblem } from '../../shared/domain/birth-date.ts';
import { addDaysIso, formatDate, rangesOverlap, todayIso } from '../../shared/domain/dates.ts';
import { notificationConflict, notificationsInForce } from '../../shared/domain/notifications.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { changeNumberOf } from './journal.ts';
import { toNotification, toPupil } from './mappers.ts';
import { deleteRow, findRow, insertRow, unlinkSaisines, updateRow } from './rows.ts';
import { refuseStale } from './versions.ts';

type PupilHandlers = Pick<
  ApiHandlers,
  | 'pupils.list' | 'pupils.get' | 'pupils.create' | 'pupils.update' | 'pupils.delete'
  | 'notifications.create' | 'notifications.update' | 'notifications.delete' | 'notifications.closePrevious'
>;

/**
 * Two notifications of one kind over the same period are refused (the notified hours would be
 * ambiguous). A decision of the other kind over the same period is kept as the CDAPH decided it:
 * the NOTIFICATION_CONFLICT gap says what to check, and notifications.closePrevious fixes it.
 */
async function refuseOverlap(
  trx: Trx, candidate: { id?: number; pupilId: number; kind: NotificationKind; startDate: string; endDate: string },
): Promise<void> {
  const others = await trx.selectFrom('notifications').select(['id', 'kind', 'startDate', 'endDate'])
    .where('pupilId', '=', candidate.pupilId).where('kind', '=', candidate.kind).execute();
  const reason = notificationConflict(candidate, others.map((o) => ({ ...o, kind: o.kind as NotificationKind })));
  if (reason !== null) throw fieldError('conflict', 'startDate', reason);
}

/** A birth date in the future or of a pupil under 2 or over 25, refused on its field. */
function refuseBirthDate(ctx: ServiceContext, birthDate: string | null | undefined): void {
  const problem = birthDate ? birthDateProblem(birthDate, todayIso(ctx.now())) : null;
  if (problem !== null) throw fieldError('validation', 'birthDate', problem);
}

export function pupilHandlers(ctx: ServiceContext): PupilHandlers {
  return {
    'pupils.list': async ({ date }) => {
      const on = date ?? todayIso(ctx.now());
      const rows = await ctx.db
        .selectFrom('pupils')
        .innerJoin('schools', 'schools.id', 'pupils.schoolId')
        .leftJoin('poles', 'poles.id', 'schools.poleId')
        .selectAll('pupils')
        .select(['schools.name as schoolName', 'schools.uai as schoolUai', 'poles.code as poleCode'])
        .execute();
      const current = await ctx.db
        .selectFrom('notifications')
        .select(['id', 'pupilId', 'kind', 'weeklyMinutes', 'startDate', 'endDate'])
        .where('startDate', '<=', on)
        .where('endDate', '>=', on)
        .execute();
      const byPupil = notificationsInForce(current, on);
      rows.sort(byFrench((p) => p.lastName, (p) => p.firstName, (p) => p.identifier));
      return rows.map((row) => {
        const notification = byPupil.get(row.id);
        return {
          ...toPupil(row),
          schoolName: row.schoolName,
          schoolUai: row.schoolUai,
          poleCode: row.poleCode,
          currentKind: (notification?.kind as NotificationKind | undefined) ?? null,
          currentWeeklyMinutes: notification?.weeklyMinutes ?? null,
          currentEndDate: notification?.endDate ?? null,
        };
      });
    },
    'pupils.get': async ({ id }) => {
      const pupil = toPupil((await findRow(ctx.db, 'pupils', id, 'Élève')) as Row<'pupils'>);
      const notifications = await ctx.db.selectFrom('notifications').selectAll().where('pupilId', '=', id).orderBy('startDate', 'desc').execute();
      return { ...pupil, notifications: notifications.map(toNotification) };
    },
    'pupils.create': (input) =>
      write(ctx, async (trx) => {
        refuseBirthDate(ctx, input.birthDate);
        return toPupil((await insertRow(trx, ctx, 'pupils', { ...input, ulis: Number(input.ulis) })) as Row<'pupils'>);
      }),
    'pupils.update': ({ id, version, ...input }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'pupils', id, version, 'Élève');
        refuseBirthDate(ctx, input.birthDate);
        return toPupil((await updateRow(trx, ctx, 'pupils', id, { ...input, ulis: Number(input.ulis) }, 'Élève')) as Row<'pupils'>);
      }),
    'pupils.delete': ({ id }) =>
      write(ctx, async (trx) => {
        const notifications = await trx.selectFrom('notifications').selectAll().where('pupilId', '=', id).execute();
        const slotIds = await trx.selectFrom('slotPupils').select('slotId').where('pupilId', '=', id).execute();
        await unlinkSaisines(trx, ctx, id);
        await deleteRow(trx, ctx, 'pupils', id, 'Élève', { notifications, slotIds: slotIds.map((s) => s.slotId) });
      }),

    'notifications.create': ({ weeklyHours, ...input }) =>
      write(ctx, async (trx) => {
        await findRow(trx, 'pupils', input.pupilId, 'Élève');
        await refuseOverlap(trx, input);
        const values = { ...input, weeklyMinutes: weeklyHours, lunchBreak: Number(input.lunchBreak) };
        return toNotification((await insertRow(trx, ctx, 'notifications', values)) as Row<'notifications'>);
      }),
    'notifications.update': ({ id, version, weeklyHours, ...input }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'notifications', id, version, 'Notification');
        await refuseOverlap(trx, { id, ...input });
        const values = { ...input, weeklyMinutes: weeklyHours, lunchBreak: Number(input.lunchBreak) };
        return toNotification((await updateRow(trx, ctx, 'notifications', id, values, 'Notification')) as Row<'notifications'>);
      }),
    'notifications.delete': ({ id }) => write(ctx, (trx) => deleteRow(trx, ctx, 'notifications', id, 'Notification')),
    'notifications.closePrevious': ({ notificationId }) =>
      write(ctx, async (trx) => {
        const latest = (await findRow(trx, 'notifications', notificationId, 'Notification')) as Row<'notifications'>;
        const previous = (await trx.selectFrom('notifications').selectAll().where('pupilId', '=', latest.pupilId).where('kind', '!=', latest.kind).execute())
          .filter((n) => rangesOverlap(n.startDate, n.endDate, latest.startDate, latest.endDate));
        const what = `notification ${NOTIFICATION_KIND_LABELS[latest.kind as NotificationKind]} du ${formatDate(latest.startDate)}`;
        if (previous.length === 0) throw new ApiError('refused', `Aucune notification de l’autre sorte ne chevauche la ${what} : rien à clore.`);
        const later = previous.find((n) => n.startDate >= latest.startDate);
        if (later !== undefined) {
          throw new ApiError('refused', `La notification ${NOTIFICATION_KIND_LABELS[later.kind as NotificationKind]} du ${formatDate(later.startDate)} ne précède pas la ${what} : vérifiez la décision de la CDAPH et corrigez les dates à la main.`);
        }
        const eve = addDaysIso(latest.startDate, -1);
        for (const n of previous) await updateRow(trx, ctx, 'notifications', n.id, { endDate: eve }, 'Notification');
        return { changeId: changeNumberOf(trx), slots: [] };
      }),
  };
}
