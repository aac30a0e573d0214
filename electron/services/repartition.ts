// The département's répartition: balances per pôle for a date, with moves tried on a derived
// record (what-if: planMoves changes the moved AESH only) or written for good, all of a batch in one change of the journal.
import type { ApiHandlers, MovePreview } from '../../shared/api/contract.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { analyse } from '../../shared/gaps/analysis.ts';
import { indexesOf } from '../../shared/gaps/indexes.ts';
import { indicatorsOf } from '../../shared/gaps/indicators.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { repartitionOf } from '../../shared/repartition/balance.ts';
import { planMoves, type MoveEffect } from '../../shared/repartition/moves.ts';
import type { AnalysisOn, RecordCache } from './analysis.ts';
import { write, type ServiceContext } from './context.ts';
import { countedAesh } from './drill.ts';
import { changeNumberOf } from './journal.ts';
import { insertRow, updateRow } from './rows.ts';
import { deleteSlot } from './slots.ts';

type RepartitionHandlers = Pick<ApiHandlers, 'repartition.get' | 'repartition.move' | 'moves.amendmentDone'>;

function previewOf(record: EngineRecord, { move, endedSlots, removedSlots }: MoveEffect): MovePreview {
  const { aeshById, poleById } = indexesOf(record);
  const aesh = aeshById.get(move.aeshId)!;
  const code = (id: number | null): string | null => (id === null ? null : poleById.get(id)?.code ?? null);
  const left = [...endedSlots, ...removedSlots];
  return {
    aeshId: aesh.id,
    aeshName: `${aesh.firstName} ${aesh.lastName}`,
    fromPoleCode: code(move.fromPoleId),
    toPoleCode: code(move.toPoleId),
    date: move.date,
    slotsEnded: left.length,
    pupilsLeft: new Set(left.flatMap((s) => s.pupilIds)).size,
  };
}

export function repartitionHandlers(ctx: ServiceContext, records: RecordCache, analysisOn: AnalysisOn): RepartitionHandlers {
  return {
    'repartition.get': async ({ date, moves, aeshOfPole }) => {
      const on = date ?? todayIso(ctx.now());
      const record = await records.get();
      const plan = moves.length === 0 ? null : planMoves(record, moves);
      const current = await analysisOn(on);
      // The moves change their AESH only: the engine computes again those and the pupils of their slots.
      const analysis = plan === null ? current : analyse(plan.record, on, { analysis: current, pupils: new Set(), aesh: new Set(moves.map((m) => m.aeshId)) });
      const pendingAmendments = await ctx.db.selectFrom('aeshMoves')
        .innerJoin('aesh', 'aesh.id', 'aeshMoves.aeshId')
        .leftJoin('poles as fromPole', 'fromPole.id', 'aeshMoves.fromPoleId')
        .leftJoin('poles as toPole', 'toPole.id', 'aeshMoves.toPoleId')
        .select(['aeshMoves.id', 'aeshMoves.aeshId', 'aeshMoves.date', 'aesh.firstName', 'aesh.lastName', 'aesh.matricule',
          'fromPole.code as fromPoleCode', 'toPole.code as toPoleCode'])
        .where('aeshMoves.amendmentDone', '=', 0).orderBy('aeshMoves.date').execute();
      return {
        ...repartitionOf(analysis, indicatorsOf(analysis)),
        preview: plan === null ? [] : plan.effects.map((effect) => previewOf(record, effect)),
        aeshOfPole: aeshOfPole === undefined ? [] : countedAesh(analysis, aeshOfPole),
        pendingAmendments: pendingAmendments.map(({ firstName, lastName, ...move }) => ({ ...move, aeshName: `${firstName} ${lastName}`, amendmentDone: false })),
      };
    },
    'repartition.move': async ({ moves }) => {
      const { effects } = planMoves(await records.get(), moves);
      const createdAt = ctx.now().toISOString();
      return write(ctx, async (trx) => {
        for (const { move, endedSlots, removedSlots } of effects) {
          await updateRow(trx, ctx, 'aesh', move.aeshId, { poleId: move.toPoleId }, 'AESH');
          for (const slot of endedSlots) await updateRow(trx, ctx, 'slots', slot.id, { validTo: slot.validTo }, 'Créneau');
          for (const slot of removedSlots) await deleteSlot(trx, ctx, slot.id);
          await insertRow(trx, ctx, 'aeshMoves', { ...move, createdAt });
        }
        return { changeId: changeNumberOf(trx), moved: effects.length };
      });
    },
    'moves.amendmentDone': ({ id }) =>
      write(ctx, async (trx) => {
        await updateRow(trx, ctx, 'aeshMoves', id, { amendmentDone: 1 }, 'Déplacement');
      }),
  };
}
