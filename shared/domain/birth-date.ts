import { formatDate, type IsoDate } from './dates.ts';
import { countOf } from './french.ts';

/**
 * The ages a pupil followed by the MDPH may have at school: from the toute petite section (2 years)
 * to a young adult finishing a vocational course or a ULIS pro (25 years). Beyond that range, a
 * birth date is much likelier a typing slip (2030 for 2020) than a real pupil.
 */
const YOUNGEST = 2;
const OLDEST = 25;

/** Whole years from `birthDate` to `on`, by the calendar (a birthday counts on its day). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Why a birth date cannot be a pupil's on `today` (the services' day, which tests pin), or null.
 * A check of the service, not of the input schema: a schema cannot see the services' clock.
 */
export function birthDateProblem(birthDate: IsoDate, today: IsoDate): string | null {
  if (birthDate > today) return `Date de naissance dans le futur : le ${formatDate(birthDate)} est après aujourd’hui (${formatDate(today)}).`;
  const age = ageOn(birthDate, today);
  if (age < YOUNGEST || age > OLDEST) {
    return `Date de naissance improbable : l’élève aurait ${countOf(age, 'an')} aujourd’hui (de ${YOUNGEST} à ${OLDEST} ans attendus).`;
  }
  return null;
}
