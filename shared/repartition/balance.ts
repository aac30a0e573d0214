// The département's répartition: each pôle's needs against the capacity of the AESH attached to
// it, read from the indicators of a date. Definitions (also in the README):
// - needs = hours of the individual notifications in force
//         + an estimate for shared notifications (notified without hours): pupils × a setting
//           (3 h by default: an AESH-m shares 9 to 12 h among three or four pupils)
//         + an estimate for ULIS units (collective aid, not notified): units × a setting (24 h);
//           a unit is a school of the pôle with at least one pupil in ULIS;
// - capacity = contract hours of the AESH attached to the pôle on the date (contract in force);
// - balance = capacity − needs, in hours and in ETP (hours × service weeks / annual hours);
// - recruitment = when the balance is negative, the number of typical contracts (24 h by
//   default) that cover the shortfall, rounded up, and their ETP (quotité rule, rounded up); for
//   the département, the sum of the pôles' (a surplus in one pôle serves another only once an
//   AESH is moved there).
import type { Settings } from '../domain/settings.ts';
import { quotitePercent } from '../domain/contract.ts';
import { countOf } from '../domain/french.ts';
import { formatHours } from '../domain/hours.ts';
import type { Analysis } from '../gaps/analysis.ts';
import type { Indicators, PoleIndicators } from '../gaps/indicators.ts';

export interface PoleBalance {
  poleId: number | null;
  poleCode: string | null;
  poleName: string;
  individualMinutes: number;
  sharedPupils: number;
  sharedEstimateMinutes: number;
  ulisUnits: number;
  ulisEstimateMinutes: number;
  needMinutes: number;
  aeshHeadcount: number;
  contractMinutes: number;
  scheduledMinutes: number;
  balanceMinutes: number;
  balanceEtp: number;
  pupilsNotified: number;
  pupilsInFull: number;
  /** Accompanied in full or in part. */
  pupilsServed: number;
  pupilsWithoutSupport: number;
  recruitContracts: number;
  recruitEtp: number;
}

export interface Repartition {
  date: string;
  poles: PoleBalance[];
  total: PoleBalance;
}

const minutesOfHours = (hours: number): number => Math.round(hours * 60);
const round2 = (value: number): number => Math.round(value * 100) / 100;

export interface Recruitment {
  contracts: number;
  etp: number;
}

/** The typical contracts (the settings' hours) covering a shortfall, rounded up, and their ETP. */
export function recruitmentOf(shortfallMinutes: number, settings: Settings): Recruitment {
  const contract = minutesOfHours(settings.recruitmentContractHours);
  const contracts = shortfallMinutes > 0 ? Math.ceil(shortfallMinutes / contract) : 0;
  return { contracts, etp: round2((contracts * quotitePercent(contract, settings)) / 100) };
}

/** The département's: the sum of the pôles' (a surplus serves another pôle only once an AESH is moved). */
export function recruitmentTotal(poles: readonly Recruitment[]): Recruitment {
  return { contracts: poles.reduce((n, p) => n + p.contracts, 0), etp: round2(poles.reduce((n, p) => n + p.etp, 0)) };
}

/** "1 contrat de 24 h à recruter (0,62 ETP)". */
export function recruitmentText(recruitment: Recruitment, settings: Settings): string {
  return `${countOf(recruitment.contracts, 'contrat')} de ${formatHours(minutesOfHours(settings.recruitmentContractHours))} à recruter (${recruitment.etp.toLocaleString('fr-FR')} ETP)`;
}

function balanceOf(figures: PoleIndicators, ulisUnits: number, settings: Settings): PoleBalance {
  const sharedPupils = figures.byCategory.shared.notified;
  const sharedEstimateMinutes = sharedPupils * minutesOfHours(settings.sharedHoursPerPupil);
  const ulisEstimateMinutes = ulisUnits * minutesOfHours(settings.ulisHoursPerUnit);
  const needMinutes = figures.hours.notifiedMinutes + sharedEstimateMinutes + ulisEstimateMinutes;
  const balanceMinutes = figures.aesh.contractMinutes - needMinutes;
  const recruitment = recruitmentOf(-balanceMinutes, settings);
  return {
    poleId: figures.poleId,
    poleCode: figures.poleCode,
    poleName: figures.poleName,
    individualMinutes: figures.hours.notifiedMinutes,
    sharedPupils,
    sharedEstimateMinutes,
    ulisUnits,
    ulisEstimateMinutes,
    needMinutes,
    aeshHeadcount: figures.aesh.headcount,
    contractMinutes: figures.aesh.contractMinutes,
    scheduledMinutes: figures.aesh.scheduledMinutes,
    balanceMinutes,
    balanceEtp: round2((balanceMinutes * settings.serviceWeeks) / (settings.annualReferenceHours * 60)),
    pupilsNotified: figures.pupils.notified,
    pupilsInFull: figures.pupils.full,
    pupilsServed: figures.pupils.full + figures.pupils.partial,
    pupilsWithoutSupport: figures.pupils.none,
    recruitContracts: recruitment.contracts,
    recruitEtp: recruitment.etp,
  };
}

export function repartitionOf(analysis: Analysis, indicators: Indicators): Repartition {
  const { settings } = analysis.record;
  const ulisSchoolsOf = new Map<number | null, Set<number>>();
  for (const pupil of analysis.record.pupils) {
    if (!pupil.ulis) continue;
    const poleId = analysis.schoolById.get(pupil.schoolId)?.poleId ?? null;
    const schools = ulisSchoolsOf.get(poleId) ?? new Set<number>();
    schools.add(pupil.schoolId);
    ulisSchoolsOf.set(poleId, schools);
  }
  const allUnits = [...ulisSchoolsOf.values()].reduce((n, schools) => n + schools.size, 0);
  const poles = indicators.poles.map((p) => balanceOf(p, ulisSchoolsOf.get(p.poleId)?.size ?? 0, settings));
  const total = balanceOf(indicators.total, allUnits, settings);
  const recruitment = recruitmentTotal(poles.map((p) => ({ contracts: p.recruitContracts, etp: p.recruitEtp })));
  total.recruitContracts = recruitment.contracts;
  total.recruitEtp = recruitment.etp;
  return { date: indicators.date, poles, total };
}
