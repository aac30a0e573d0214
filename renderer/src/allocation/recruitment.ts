// What the hours a pôle still lacks after a proposal call for: Répartition's recruitment figure
// (typical contracts of the settings' hours covering a shortfall, rounded up, with their ETP).
// The rule lives in shared/repartition/balance.ts and only `repartitionOf` is exported, so each
// shortfall goes through it as a pôle whose needs are those hours and whose AESH are none: the
// figures can never differ from Répartition's, and the département's total is its sum rule too.
import { analyse } from '../../../shared/gaps/analysis.ts';
import { indicatorsOf } from '../../../shared/gaps/indicators.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { repartitionOf } from '../../../shared/repartition/balance.ts';

export interface Recruitment {
  contracts: number;
  etp: number;
}

export interface RecruitmentFigures {
  poles: Map<number, Recruitment>;
  /** The département's: the sum of the pôles' (a surplus serves another pôle only once an AESH is moved). */
  total: Recruitment;
}

/** The recruitment each shortfall (minutes, by pôle id) calls for, and their total. */
export function recruitmentFor(shortfalls: ReadonlyMap<number, number>, settings: Settings): RecruitmentFigures {
  // An empty record: nothing in it depends on the date, which is only needed to read one.
  const analysis = analyse({ poles: [], schools: [], pupils: [], notifications: [], aesh: [], contracts: [], absences: [], slots: [], moves: [], settings }, settings.schoolYearStart);
  const nothing = indicatorsOf(analysis);
  const poles = [...shortfalls].map(([poleId, minutes]) => ({ ...nothing.total, poleId, hours: { ...nothing.total.hours, notifiedMinutes: minutes } }));
  const repartition = repartitionOf(analysis, { ...nothing, poles });
  return {
    poles: new Map(repartition.poles.map((p) => [p.poleId!, { contracts: p.recruitContracts, etp: p.recruitEtp }])),
    total: { contracts: repartition.total.recruitContracts, etp: repartition.total.recruitEtp },
  };
}

/** "1 contrat de 24 h à recruter (0,62 ETP)". */
export function recruitmentText(recruitment: Recruitment, settings: Settings): string {
  return `${countOf(recruitment.contracts, 'contrat')} de ${formatHours(settings.recruitmentContractHours * 60)} à recruter (${recruitment.etp.toLocaleString('fr-FR')} ETP)`;
}
