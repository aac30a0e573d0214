// Paramètres' school calendar: the holiday zone and the periods without class that Activité leaves
// out of its school weeks, as a small table to add to, change and delete from. The periods come
// from the zone's national calendar; those nobody has checked against the ministry's arrêté yet say
// so until the user confirms or edits them, since the hours reported to the pilots depend on them.
import type { ReactNode } from 'react';
import { HOLIDAY_ZONES, nationalHolidays, type Holiday, type HolidayZone } from '../../../shared/activity/calendar.ts';
import { addDaysIso } from '../../../shared/domain/dates.ts';
import type { Form } from '../components/form.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { useUi } from '../store.ts';
import './holidays.css';

type FieldForm = Pick<Form, 'values' | 'errors' | 'set'>;

/** The table's periods, held in the form as JSON (a form's values are strings) and parsed on submit. */
export const holidaysOf = (form: Pick<Form, 'values'>): Holiday[] => JSON.parse(String(form.values.schoolHolidays)) as Holiday[];

export function HolidaysTable({ form }: { form: FieldForm }): ReactNode {
  const today = useUi((s) => s.today);
  const holidays = holidaysOf(form);
  const zone = String(form.values.holidayZone) as HolidayZone;
  const set = (next: Holiday[]): void => form.set('schoolHolidays', JSON.stringify(next));
  // Any change of a period is the user's word on it: it no longer waits to be checked.
  const change = (index: number, patch: Partial<Holiday>): void => set(holidays.map((h, i) => (i === index ? { ...h, ...patch, verified: true } : h)));
  const chooseZone = (next: HolidayZone): void => {
    form.set('holidayZone', next);
    set(nationalHolidays(next));
  };
  const add = (): void => {
    const start = holidays.length === 0 ? today : addDaysIso(holidays.at(-1)!.end, 1);
    set([...holidays, { label: '', start, end: start, verified: true }]);
  };
  const error = form.errors.schoolHolidays ?? form.errors.holidayZone;
  return (
    <fieldset className="holidays">
      <legend>Calendrier scolaire</legend>
      <p className="field-hint">
        Activité additionne les heures sur les semaines de classe : une semaine entièrement dans ces périodes n’est pas comptée. Les jours fériés
        (1er et 11 novembre, lundi de Pâques, 1er et 8 mai, Ascension, lundi de Pentecôte…) sont calculés ; ils ne retirent pas d’heures, les heures
        notifiées étant hebdomadaires.
      </p>
      <div className="field">
        <label htmlFor="holiday-zone">Zone de vacances</label>
        <select id="holiday-zone" value={zone} onChange={(e) => chooseZone(e.target.value as HolidayZone)}>
          {HOLIDAY_ZONES.map((z) => <option key={z} value={z}>Zone {z}</option>)}
        </select>
        <p className="field-hint">Aix-Marseille est en zone B. Changer de zone reprend le calendrier national de cette zone.</p>
      </div>
      {error ? <p className="field-message" role="alert">{error}</p> : null}
      <table className="plain holidays-table">
        <caption>Périodes sans classe (premier et dernier jour sans classe, jj/mm/aaaa)</caption>
        <thead><tr><th scope="col">N°</th><th scope="col">Période</th><th scope="col">Dates</th><th scope="col">Source</th><th scope="col"><span className="sr-only">Supprimer</span></th></tr></thead>
        <tbody>
          {holidays.map((h, i) => (
            <tr key={i} className={h.verified ? undefined : 'holiday-unverified'}>
              <td className="num">{i + 1}</td>
              <td><input type="text" aria-label={`Nom de la période ${i + 1}`} value={h.label} maxLength={60} onChange={(e) => change(i, { label: e.target.value })} /></td>
              <td>
                <div className="holiday-dates">
                  <DateInput label="Du" withToday={false} value={h.start} onChange={(start) => change(i, { start })} />
                  <DateInput label="au" withToday={false} value={h.end} onChange={(end) => change(i, { end })} />
                </div>
              </td>
              <td className="holiday-status">
                {h.verified ? 'vérifiée' : (
                  <>
                    <strong>à vérifier auprès du calendrier officiel</strong>{' '}
                    <button type="button" onClick={() => change(i, {})} aria-label={`Confirmer la période ${i + 1} (${h.label})`}>Confirmer</button>
                  </>
                )}
              </td>
              <td><button type="button" onClick={() => set(holidays.filter((_, j) => j !== i))} aria-label={`Supprimer la période ${i + 1} (${h.label})`}>Supprimer</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={add}>Ajouter une période</button>
        <button type="button" onClick={() => set(nationalHolidays(zone))}>Reprendre le calendrier national de la zone {zone}</button>
      </div>
    </fieldset>
  );
}
