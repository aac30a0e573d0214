// What the hours pôles still lack after a proposal call for: Répartition's recruitment rule
// (shared/repartition/balance.ts), per pôle and for the département.
import type { Settings } from '../../../shared/domain/settings.ts';
import { recruitmentOf, recruitmentTotal, type Recruitment } from '../../../shared/repartition/balance.ts';

export { recruitmentText, type Recruitment } from '../../../shared/repartition/balance.ts';

export interface RecruitmentFigures {
  poles: Map<number, Recruitment>;
  total: Recruitment;
}

/** The recruitment each shortfall (minutes, by pôle id) calls for, and their total. */
export function recruitmentFor(shortfalls: ReadonlyMap<number, number>, settings: Settings): RecruitmentFigures {
  const poles = new Map([...shortfalls].map(([poleId, minutes]) => [poleId, recruitmentOf(minutes, settings)] as const));
  return { poles, total: recruitmentTotal([...poles.values()]) };
}
