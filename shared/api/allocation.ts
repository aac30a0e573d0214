// The allocation assistant over the API: long work started as a job (jobs.* reports its progress),
// then its proposal read, accepted in whole or in part (one change of the journal), or dropped.
import { z } from 'zod';
import type { IsoDate } from '../domain/dates.ts';
import type { SlotNature, Weekday } from '../domain/enums.ts';
import type { AeshCandidate } from '../allocation/candidates.ts';
import { isoDate } from './fields.ts';

/** Kinds of long work; imports and exports (issue 12) join this list. */
export const JOB_KINDS = ['allocation', 'import', 'activity', 'export', 'snapshot'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** The figures of the best proposal found so far, over every pôle of the job (those not reached yet as they are). */
export interface JobBest {
  pupilsWithout: number;
  /** Individual hours notified and not covered. */
  missingMinutes: number;
}

export interface JobStatus {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** Steps done out of `total`: never goes back, and equals `total` once the job is done. */
  done: number;
  total: number;
  /** What is being done, in French: "Pôle PIAL-084-010 : 12 / 120 résolus". */
  step: string;
  /** Why the job failed, in French; null otherwise. */
  error: string | null;
  /** While a proposal is sought: the best found so far, shown with the progress; null before the first (and for other work). */
  best: JobBest | null;
}

export const jobInput = z.object({ jobId: z.string().min(1).max(100) });

const ids = z.array(z.number().int()).max(100_000);
export const allocationStartInput = z.object({
  poleIds: z.array(z.number().int()).min(1, 'Choisissez au moins un pôle.').max(1000),
  date: isoDate,
  replan: z.boolean().default(false),
  excludedAeshIds: ids.default([]),
  excludedPupilIds: ids.default([]),
  pinnedPairs: z.array(z.object({ pupilId: z.number().int(), aeshId: z.number().int() })).max(100_000).default([]),
  pinnedSlotIds: ids.default([]),
  timeLimitSeconds: z.number().min(0.1).max(600).optional(),
});
export const allocationAcceptInput = jobInput.extend({ slotKeys: z.array(z.string().min(1)).max(100_000).optional() });
export const allocationCandidatesInput = z.object({ pupilId: z.number().int(), date: isoDate });
export const allocationCoverInput = z.object({ absenceIds: z.array(z.number().int()).min(1, 'Choisissez au moins une absence.').max(1000) });

/** A pôle's figures on the proposal's full week. */
export interface CoverageFigures {
  pupilsWithout: number;
  pupilsPartial: number;
  pupilsFull: number;
  /** Individual hours covered, each pupil counted up to their notification. */
  individualMinutesCovered: number;
  /** Individual hours notified and not covered. */
  missingMinutes: number;
}

export interface AllocationAeshView {
  aeshId: number;
  /** "Prénom Nom". */
  name: string;
  matricule: string;
  contractMinutes: number;
  workedBefore: number;
  workedAfter: number;
  journeysAfter: number;
}

export interface AllocationPoleView {
  poleId: number;
  poleCode: string;
  poleName: string;
  before: CoverageFigures;
  after: CoverageFigures;
  /** Upper bound on the individual minutes any proposal could cover (LP relaxation); null where no solver ran (absence cover). */
  boundMinutes: number | null;
  /** Minutes left to place once every AESH is used: what the pôle lacks. */
  lackingMinutes: number;
  seconds: number;
  aesh: AllocationAeshView[];
}

export interface AllocationSlotView {
  /** Stable within the proposal: what `allocation.accept` takes. */
  key: string;
  poleId: number;
  aeshId: number;
  aeshName: string;
  matricule: string;
  schoolId: number;
  uai: string;
  schoolName: string;
  weekday: Weekday;
  start: number;
  end: number;
  pupilIds: number[];
  pupilNames: string[];
  /** The pupils' identifiers (MDPH file numbers), as the command line prints them. */
  pupilIdentifiers: string[];
  nature: SlotNature;
  validFrom: IsoDate;
  /** The absent day for a replacement slot; null for a weekly slot. */
  validTo: IsoDate | null;
  reason: string;
}

export interface AllocationUnplacedView {
  pupilId: number;
  pupilName: string;
  /** The pupil's identifier. */
  identifier: string;
  poleId: number;
  missingMinutes: number;
  reason: string;
}

export interface AllocationProposalView {
  date: IsoDate;
  poles: AllocationPoleView[];
  slots: AllocationSlotView[];
  /** Re-planning: slots that end the day before the date. */
  ended: { slotId: number; validTo: IsoDate }[];
  /** Re-planning: slots that would have started on or after the date, removed. */
  removed: number[];
  unplaced: AllocationUnplacedView[];
}

export type CandidateView = AeshCandidate;
