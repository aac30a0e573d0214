// From a gap to its fix: every gap code names the action that fixes it, and where that action
// happens (the editor on the right pôle, view, week and thing to open; a record; the closing of a
// notification). One exhaustive switch, so that a new gap code cannot go without its action.
import type { IsoDate } from '../../../shared/domain/dates.ts';
import { assertNever } from '../../../shared/domain/never.ts';
import type { Gap } from '../../../shared/gaps/types.ts';
import type { FixIntent, Focus } from '../store.ts';

export type Fix =
  | { kind: 'editor'; label: 'Placer' | 'Trouver un remplaçant' | 'Ouvrir la semaine'; intent: FixIntent }
  | { kind: 'record'; label: 'Ouvrir la fiche'; focus: Focus }
  | { kind: 'close-notification'; label: 'Clore la notification…'; notificationId: number };

/** The action that fixes `gap`, in the week of `date`; null when the gap names nothing to open. */
export function fixOf(gap: Gap, date: IsoDate): Fix | null {
  const { poleId, pupilId, aeshId } = gap;
  const pupilRecord: Fix | null = pupilId === null ? null : { kind: 'record', label: 'Ouvrir la fiche', focus: { screen: 'pupils', id: pupilId } };
  const aeshRecord: Fix | null = aeshId === null ? null : { kind: 'record', label: 'Ouvrir la fiche', focus: { screen: 'aesh', id: aeshId } };
  // A slot's conflict is fixed in its AESH's week, the slot open with the conflict on it.
  const aeshWeek = (): Fix | null => (poleId === null || aeshId === null ? aeshRecord : {
    kind: 'editor', label: 'Ouvrir la semaine',
    intent: { poleId, view: 'aesh', focusId: aeshId, date, opening: gap.slotIds[0] === undefined ? null : { kind: 'slot', slotId: gap.slotIds[0] } },
  });
  switch (gap.code) {
    case 'NO_SUPPORT':
    case 'UNDER_HOURS':
      return poleId === null || pupilId === null ? pupilRecord : {
        kind: 'editor', label: 'Placer', intent: { poleId, view: 'pupil', focusId: pupilId, date, opening: { kind: 'place', pupilId } },
      };
    case 'ABSENCE_UNCOVERED':
      return poleId === null || aeshId === null ? pupilRecord : {
        kind: 'editor', label: 'Trouver un remplaçant', intent: { poleId, view: 'aesh', focusId: aeshId, date, opening: { kind: 'replace', aeshId } },
      };
    case 'NOTIFICATION_CONFLICT':
      return gap.notificationId === null ? pupilRecord : { kind: 'close-notification', label: 'Clore la notification…', notificationId: gap.notificationId };
    // The decision to enter, or the one to renew, is on the pupil's record; the contract on the AESH's.
    case 'NO_NOTIFICATION':
    case 'NOTIFICATION_EXPIRING':
      return pupilRecord;
    case 'CONTRACT_ENDS':
      return aeshRecord;
    case 'OVERLAP':
    case 'OVER_CONTRACT':
    case 'TRAVEL_TIME':
    case 'OUTSIDE_SCHOOL_HOURS':
    case 'OUT_OF_POLE':
      return aeshWeek();
    default:
      return assertNever(gap.code, 'alerte');
  }
}
