// What stands behind each dashboard figure: the pupils or the AESH the indicators counted, read
// from the same analysis, so that a list always has as many lines as its figure says.
import type { ApiHandlers, CountedAesh } from '../../shared/api/contract.ts';
import { byFrench } from '../../shared/domain/collate.ts';
import { isFirstDegree } from '../../shared/domain/enums.ts';
import { poleCodeOf, workedMinutes, type AeshLoad, type Analysis } from '../../shared/gaps/analysis.ts';
import { isNotified, pupilStatuses } from '../../shared/gaps/indicators.ts';
import type { AnalysisOn } from './analysis.ts';

type DrillHandlers = Pick<ApiHandlers, 'indicators.pupils' | 'indicators.aesh'>;

/** The AESH under contract on the analysis date, with the figures the indicators sum. */
export function countedAesh(analysis: Analysis, poleId: number | undefined): CountedAesh[] {
  const counted = (load: AeshLoad): load is AeshLoad & { contract: NonNullable<AeshLoad['contract']> } =>
    load.contract !== null && (poleId === undefined || load.poleId === poleId);
  return analysis.loads.filter(counted).map((load) => {
    const scheduled = workedMinutes(load);
    return {
      aeshId: load.aesh.id,
      matricule: load.aesh.matricule,
      name: `${load.aesh.firstName} ${load.aesh.lastName}`,
      poleCode: poleCodeOf(analysis, load.poleId),
      contractKind: load.contract.kind,
      contractMinutes: load.contract.weeklyMinutes,
      scheduledMinutes: scheduled,
      spareMinutes: load.contract.weeklyMinutes - scheduled,
      referent: load.aesh.referent,
    };
  }).sort(byFrench((a) => a.name, (a) => a.matricule));
}

export function drillHandlers(analysisOn: AnalysisOn): DrillHandlers {
  return {
    'indicators.pupils': async ({ date, poleId, status, category, degree }) => {
      const analysis = await analysisOn(date);
      const inDegree = (kind: Parameters<typeof isFirstDegree>[0]): boolean => degree === undefined || isFirstDegree(kind) === (degree === 'first');
      return pupilStatuses(analysis)
        .filter((s) => (poleId === undefined || s.coverage.school.poleId === poleId) && inDegree(s.coverage.school.kind)
          && (status === undefined || s.status === status) && (category === undefined ? isNotified(s) : s.category === category))
        .map(({ coverage: c, category: kind, status: where }) => ({
          pupilId: c.pupil.id,
          identifier: c.pupil.identifier,
          name: `${c.pupil.firstName} ${c.pupil.lastName}`,
          poleCode: poleCodeOf(analysis, c.school.poleId),
          uai: c.school.uai,
          schoolName: c.school.name,
          category: kind,
          status: where,
          notifiedMinutes: c.notification?.weeklyMinutes ?? null,
          plannedMinutes: c.plannedMinutes,
          deliveredMinutes: c.deliveredMinutes,
          since: c.notification?.startDate ?? null,
        }))
        .sort(byFrench((p) => p.name, (p) => p.identifier));
    },
    'indicators.aesh': async ({ date, poleId }) => countedAesh(await analysisOn(date), poleId),
  };
}
