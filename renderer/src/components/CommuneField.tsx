// A school's commune, chosen from the offline table of French communes (shared/domain/communes.ts):
// the postcode and the département tell homonyms apart, and choosing one fills in its centre as the
// school's coordinates, which the journeys between schools are estimated from. The raw latitude and
// longitude stay editable under "Avancé", for a school far from its commune's centre or a commune
// the table has no centre for.
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { describeCommune, loadCommunes, searchCommunes, type Commune, type CommuneIndex } from '../../../shared/domain/communes.ts';
import { TextField, type Form } from './form.tsx';

type FieldForm = Pick<Form, 'values' | 'errors' | 'set'>;

/** 43.8764 → "43,8764", as the coordinates fields show and take them. */
export const frenchDecimal = (value: number): string => String(value).replace('.', ',');

function hintOf(chosen: Commune | null, latitude: string, longitude: string): string {
  const centre = chosen?.centre;
  if (chosen && centre && frenchDecimal(centre.latitude) === latitude && frenchDecimal(centre.longitude) === longitude) {
    return `Centre de ${describeCommune(chosen)} : ${latitude} ; ${longitude}, pour estimer les trajets.`;
  }
  if (chosen && !centre) return `Centre de ${describeCommune(chosen)} inconnu : saisissez les coordonnées sous « Avancé » pour estimer les trajets.`;
  if (latitude !== '' && longitude !== '') return `Coordonnées : ${latitude} ; ${longitude} (modifiables sous « Avancé »).`;
  return 'Choisissez la commune dans la liste : son centre sert à estimer les trajets.';
}

export function CommuneField({ form }: { form: FieldForm }): ReactNode {
  const id = useId();
  const [index, setIndex] = useState<CommuneIndex | null>(null);
  const [listed, setListed] = useState(false);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Commune | null>(null);
  const [advanced, setAdvanced] = useState(false);
  useEffect(() => {
    let live = true;
    void loadCommunes().then((loaded) => live && setIndex(loaded));
    return () => {
      live = false;
    };
  }, []);
  const value = String(form.values.commune ?? '');
  const latitude = String(form.values.latitude ?? '');
  const longitude = String(form.values.longitude ?? '');
  const suggestions = useMemo(() => (index === null || !listed ? [] : searchCommunes(index, value)), [index, listed, value]);
  const open = suggestions.length > 0;
  const error = form.errors.commune;
  // A refused coordinate must be seen: the disclosure opens on it.
  const coordinateError = form.errors.latitude !== undefined || form.errors.longitude !== undefined;

  const choose = (commune: Commune): void => {
    form.set('commune', commune.name);
    if (commune.centre) {
      form.set('latitude', frenchDecimal(commune.centre.latitude));
      form.set('longitude', frenchDecimal(commune.centre.longitude));
    }
    setChosen(commune);
    setListed(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setListed(true);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' && open) {
      // Enter picks the highlighted commune rather than submitting the form.
      event.preventDefault();
      choose(suggestions[active] ?? suggestions[0]!);
    } else if (event.key === 'Escape' && open) {
      // Closes the list only: the side panel stays open (it leaves handled events alone).
      event.preventDefault();
      setListed(false);
    }
  };

  return (
    <>
      <div className={error ? 'field field-error' : 'field'}>
        <label htmlFor={id}>Commune</label>
        <div className="combobox">
          <input
            id={id}
            name="commune"
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={open ? `${id}-list` : undefined}
            aria-activedescendant={open ? `${id}-option-${active}` : undefined}
            aria-invalid={error !== undefined}
            aria-describedby={`${id}-${error ? 'error' : 'hint'}`}
            value={value}
            onChange={(event) => {
              form.set('commune', event.target.value);
              setChosen(null);
              setListed(true);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setListed(false)}
          />
          {open ? (
            <ul id={`${id}-list`} role="listbox" aria-label="Suggestions">
              {suggestions.map((commune, i) => (
                <li
                  key={`${commune.name}-${commune.departement}-${commune.postcodes[0] ?? ''}`}
                  id={`${id}-option-${i}`}
                  role="option"
                  aria-selected={i === active}
                  // Keeps the focus in the field, so that its blur does not close the list first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(commune)}
                >
                  <strong>{commune.name}</strong>{' '}
                  <span className="muted">{commune.postcodes[0] ?? ''} · {commune.departementName} ({commune.departement}){commune.centre ? '' : ' · centre inconnu'}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {error
          ? <p className="field-message" id={`${id}-error`} role="alert">{error}</p>
          : <p className="field-hint" id={`${id}-hint`}>{hintOf(chosen, latitude, longitude)}</p>}
      </div>
      <details className="advanced" open={advanced || coordinateError} onToggle={(event) => setAdvanced(event.currentTarget.open)}>
        <summary>Avancé : latitude et longitude</summary>
        <div className="field-row">
          <TextField form={form} name="latitude" label="Latitude" hint="Degrés décimaux, par exemple 43,8764" />
          <TextField form={form} name="longitude" label="Longitude" hint="Par exemple 5,3964" />
        </div>
      </details>
    </>
  );
}
