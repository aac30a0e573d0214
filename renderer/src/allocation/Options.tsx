// The options of a proposal, chosen before it runs: the date it applies from, whether the pôles'
// weeks are kept or re-planned, the AESH and pupils left out, and what must not move (a pupil
// with their AESH, a slot where it is).
import { useState, type ReactNode } from 'react';
import { byFrench } from '../../../shared/domain/collate.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { Loading, matches, SearchBox } from '../components/common.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { useApiData } from '../useApiData.ts';
import { useAssistant } from './store.ts';

interface Item { id: number; label: string; detail: string }

/** At most this many matches are listed: a search narrows a département's thousands of pupils. */
const SHOWN = 30;

/** A multi-select with search: the chosen items first (removable), then the matches to tick. */
function PickList({ legend, search, items, chosen, onChange }: { legend: string; search: string; items: readonly Item[]; chosen: readonly number[]; onChange(ids: number[]): void }): ReactNode {
  const [query, setQuery] = useState('');
  const picked = items.filter((i) => chosen.includes(i.id));
  const matching = query.trim() === '' ? [] : items.filter((i) => !chosen.includes(i.id) && matches(query, i.label, i.detail));
  return (
    <fieldset className="pick-list">
      <legend>{legend}{chosen.length > 0 ? ` (${chosen.length})` : ''}</legend>
      {picked.length > 0 ? (
        <ul className="chips" aria-label={`${legend} : choisis`}>
          {picked.map((i) => (
            <li key={i.id}>
              {i.label}
              <button type="button" className="icon" aria-label={`Retirer ${i.label}`} onClick={() => onChange(chosen.filter((id) => id !== i.id))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      <SearchBox value={query} onChange={setQuery} label={search} />
      {matching.length > 0 ? (
        <div className="pick-list-items">
          {matching.slice(0, SHOWN).map((i) => (
            <label key={i.id} className="check">
              <input type="checkbox" checked={false} onChange={() => onChange([...chosen, i.id])} />
              {i.label} <span className="muted">{i.detail}</span>
            </label>
          ))}
          {matching.length > SHOWN ? <p className="muted">… et {countOf(matching.length - SHOWN, 'autre')} : précisez la recherche.</p> : null}
        </div>
      ) : query.trim() !== '' ? <p className="muted">Aucun résultat.</p> : null}
    </fieldset>
  );
}

/** "A pupil stays with their AESH": a pupil found by search, an AESH of the pôles, added to the pins. */
function PairPicker({ pupils, aesh, onAdd }: { pupils: readonly Item[]; aesh: readonly Item[]; onAdd(pupilId: number, aeshId: number): void }): ReactNode {
  const [query, setQuery] = useState('');
  const [pupilId, setPupilId] = useState('');
  const [aeshId, setAeshId] = useState('');
  const found = query.trim() === '' ? [] : pupils.filter((p) => matches(query, p.label, p.detail)).slice(0, SHOWN);
  return (
    <div className="pair-picker" role="group" aria-label="Garder un élève avec son AESH">
      <SearchBox value={query} onChange={(value) => { setQuery(value); setPupilId(''); }} label="Rechercher l’élève à garder" />
      <select aria-label="Élève" value={pupilId} onChange={(e) => setPupilId(e.target.value)} disabled={found.length === 0}>
        <option value="">{found.length === 0 ? '— rechercher l’élève —' : '— choisir l’élève —'}</option>
        {found.map((p) => <option key={p.id} value={p.id}>{p.label} ({p.detail})</option>)}
      </select>
      <select aria-label="Avec l’AESH" value={aeshId} onChange={(e) => setAeshId(e.target.value)}>
        <option value="">— avec l’AESH —</option>
        {aesh.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
      </select>
      <button type="button" disabled={pupilId === '' || aeshId === ''} onClick={() => { onAdd(Number(pupilId), Number(aeshId)); setPupilId(''); setQuery(''); }}>Épingler</button>
    </div>
  );
}

export function Options({ onStart }: { onStart(): Promise<void> }): ReactNode {
  const { poleIds, choices, choose, pinnedLabels } = useAssistant();
  const [starting, setStarting] = useState(false);
  const poles = useApiData('poles.list', {});
  const aeshRows = useApiData('aesh.list', { date: choices.date });
  const pupilRows = useApiData('pupils.list', { date: choices.date });
  if (poles.data === undefined || aeshRows.data === undefined || pupilRows.data === undefined) return <Loading error={poles.error ?? aeshRows.error ?? pupilRows.error} />;

  const codes = new Set(poles.data.filter((p) => poleIds.includes(p.id)).map((p) => p.code));
  const several = codes.size > 1;
  const aesh: Item[] = aeshRows.data.filter((a) => a.poleCode !== null && codes.has(a.poleCode)).sort(byFrench((a) => a.lastName, (a) => a.firstName))
    .map((a) => ({ id: a.id, label: `${a.firstName} ${a.lastName}`, detail: several ? `${a.matricule} · ${a.poleCode}` : a.matricule }));
  // Only pupils with a notification in force are the assistant's to place.
  const pupils: Item[] = pupilRows.data.filter((p) => p.poleCode !== null && codes.has(p.poleCode) && p.currentKind !== null).sort(byFrench((p) => p.lastName, (p) => p.firstName))
    .map((p) => ({ id: p.id, label: `${p.firstName} ${p.lastName}`, detail: several ? `${p.schoolName} · ${p.poleCode}` : p.schoolName }));
  const nameOf = (items: readonly Item[], id: number): string => items.find((i) => i.id === id)?.label ?? `n° ${id}`;

  const start = async (): Promise<void> => {
    setStarting(true);
    try {
      await onStart();
    } finally {
      setStarting(false);
    }
  };

  return (
    <form className="allocation-options" aria-label="Options de la proposition" onSubmit={(e) => { e.preventDefault(); void start(); }}>
      <p className="muted">
        {several ? `${countOf(codes.size, 'pôle')} (${[...codes].sort().join(', ')}) : ` : ''}{countOf(aesh.length, 'AESH', 'AESH')}, {countOf(pupils.length, 'élève notifié', 'élèves notifiés')}.
        Rien n’est enregistré avant que vous n’acceptiez la proposition.
      </p>
      <DateInput value={choices.date} onChange={(date) => choose({ date })} label="S’applique à partir du" />
      <fieldset className="replan-choice">
        <legend>Créneaux existants</legend>
        <label className="check"><input type="radio" name="replan" checked={!choices.replan} onChange={() => choose({ replan: false })} /> Garder tous les créneaux existants (ajouter seulement)</label>
        <label className="check"><input type="radio" name="replan" checked={choices.replan} onChange={() => choose({ replan: true })} /> Replanifier toute la semaine du pôle</label>
        {choices.replan ? <p className="muted">Les créneaux d’accompagnement s’arrêtent la veille de la date, sauf les créneaux épinglés et ceux des élèves gardés avec leur AESH.</p> : null}
      </fieldset>
      <PickList legend="AESH laissés de côté" search="Rechercher un AESH" items={aesh} chosen={choices.excludedAeshIds} onChange={(excludedAeshIds) => choose({ excludedAeshIds })} />
      <PickList legend="Élèves laissés de côté" search="Rechercher un élève" items={pupils} chosen={choices.excludedPupilIds} onChange={(excludedPupilIds) => choose({ excludedPupilIds })} />
      <fieldset className="pins">
        <legend>Épingles</legend>
        <ul aria-label="Épingles" className="plain-list">
          {choices.pinnedPairs.map((pair, index) => (
            <li key={`${pair.pupilId}-${pair.aeshId}`}>
              {nameOf(pupils, pair.pupilId)} reste avec {nameOf(aesh, pair.aeshId)}
              <button type="button" className="icon" aria-label={`Retirer l’épingle de ${nameOf(pupils, pair.pupilId)}`} onClick={() => choose({ pinnedPairs: choices.pinnedPairs.filter((_, i) => i !== index) })}>×</button>
            </li>
          ))}
          {choices.pinnedSlotIds.map((id) => (
            <li key={id}>
              Créneau épinglé : {pinnedLabels[id] ?? `n° ${id}`}
              <button type="button" className="icon" aria-label={`Désépingler ${pinnedLabels[id] ?? `le créneau n° ${id}`}`} onClick={() => choose({ pinnedSlotIds: choices.pinnedSlotIds.filter((s) => s !== id) })}>×</button>
            </li>
          ))}
        </ul>
        {choices.pinnedPairs.length + choices.pinnedSlotIds.length === 0 ? <p className="muted">Aucune épingle. Un créneau s’épingle depuis son panneau (« Épingler ce créneau »).</p> : null}
        <PairPicker pupils={pupils} aesh={aesh} onAdd={(pupilId, aeshId) => choose({ pinnedPairs: [...choices.pinnedPairs.filter((p) => p.pupilId !== pupilId), { pupilId, aeshId }] })} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={starting}>Lancer le calcul</button>
      </div>
    </form>
  );
}
