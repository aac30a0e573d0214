export const GAP_CODES = [
  'NO_SUPPORT', 'UNDER_HOURS', 'ABSENCE_UNCOVERED', 'NO_NOTIFICATION', 'NOTIFICATION_CONFLICT', 'OVERLAP',
  'OVER_CONTRACT', 'TRAVEL_TIME', 'OUTSIDE_SCHOOL_HOURS', 'OUT_OF_POLE', 'CONTRACT_ENDS', 'NOTIFICATION_EXPIRING',
] as const;
export type GapCode = (typeof GAP_CODES)[number];

export const GAP_LABELS: Record<GapCode, string> = {
  NO_SUPPORT: 'Élève sans AESH',
  UNDER_HOURS: 'Heures notifiées non couvertes',
  ABSENCE_UNCOVERED: 'Absence non remplacée',
  NO_NOTIFICATION: 'Accompagnement sans notification',
  NOTIFICATION_CONFLICT: 'Notifications incompatibles',
  OVERLAP: 'AESH à deux endroits à la fois',
  OVER_CONTRACT: 'Au-delà du contrat',
  TRAVEL_TIME: 'Trajet trop court',
  OUTSIDE_SCHOOL_HOURS: 'Hors des horaires de l’établissement',
  OUT_OF_POLE: 'Hors du pôle',
  CONTRACT_ENDS: 'Fin de contrat',
  NOTIFICATION_EXPIRING: 'Notification bientôt échue',
};

export const SEVERITIES = ['critique', 'alerte', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Gap {
  code: GapCode;
  severity: Severity;
  poleId: number | null;
  poleCode: string | null;
  schoolId: number | null;
  uai: string | null;
  pupilId: number | null;
  /** The pupil's identifier. */
  pupil: string | null;
  pupilName: string | null;
  aeshId: number | null;
  /** The AESH's matricule. */
  aesh: string | null;
  aeshName: string | null;
  /** Weekly minutes missing, where the gap is a shortfall of time. */
  missingMinutes: number | null;
  /** The slots the gap is about (the two of an overlap, the one outside school hours…), so that
   * the timetable editor can mark them; empty for gaps about a pupil or a contract as a whole. */
  slotIds: number[];
  /** NOTIFICATION_CONFLICT: the later of the two decisions, whose previous one its fix closes (notifications.closePrevious); null otherwise. */
  notificationId: number | null;
  /** What is wrong and what would fix it, in French. */
  message: string;
}
