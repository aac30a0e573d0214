import type { ApiHandlers } from '../../shared/api/contract.ts';
import { fieldError } from '../../shared/api/errors.ts';
import type { NotificationKind } from '../../shared/domain/enums.ts';
import { byFrench } from '../../shared/domain/collate.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { notificationConflict, notificationsInForce } from '../../shared/domain/notifications.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { toNotification, toPupil } from './mappers.ts';
import { deleteRow, findRow, insertRow, updateRow } from './rows.ts';
import { refuseStale } from './versions.ts';

type PupilHandlers = Pick<
  ApiHandlers,
  | 'pupils.list' | 'pupils.get' | 'pupils.create' | 'pupils.update' | 'pupils.delete'
  | 'notifications.create' | 'notifications.update' | 'notifications.delete'
>;

async function refuseOverlap(
  trx: Trx, candidate: { id?: number; pupilId: number; kind: NotificationKind; startDate: string; endDate: string },
): Promise<void> {
  const others = await trx.selectFrom('notifications').select(['id', 'kind', 'startDate', 'endDate']).where('pupilId', '=', candidate.pupilId).execute();
  const reason = notificationConflict(candidate, others.map((o) => ({ ...o, kind: o.kind as NotificationKind })));
  if (reason !== null) throw fieldError('conflict', 'startDate', reason);
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
      write(ctx, async (trx) => toPupil((await insertRow(trx, ctx, 'pupils', { ...input, ulis: Number(input.ulis) })) as Row<'pupils'>)),
    'pupils.update': ({ id, version, ...input }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'pupils', id, version, 'Élève');
        return toPupil((await updateRow(trx, ctx, 'pupils', id, { ...input, ulis: Number(input.ulis) }, 'Élève')) as Row<'pupils'>);
      }),
    'pupils.delete': ({ id }) =>
      write(ctx, async (trx) => {
        const notifications = await trx.selectFrom('notifications').selectAll().where('pupilId', '=', id).execute();
        const slotIds = await trx.selectFrom('slotPupils').select('slotId').where('pupilId', '=', id).execute();
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
  };
}
