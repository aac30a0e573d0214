// A proposal under review: each pôle's figures before and after (with the bound the solver proved:
// how far from the best any proposal could be), each AESH's week against the contract, the new
// slots with their reasons in ticked groups (by AESH or by pupil), and the pupils left uncovered
// with the reason, and the recruitment the hours the pôle still lacks call for (Répartition's rule).
// Nothing is written until the user accepts all or the slots ticked; after a partial acceptance,
// what is left stays here, the figures still those of the whole proposal.
import { useState, type ReactNode } from 'react';
import type { AllocationPoleView } from '../../../shared/api/allocation.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { byFrench } from '../../../shared/domain/collate.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { WEEKDAY_LABELS } from '../../../shared/domain/enums.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { useApiData } from '../useApiData.ts';
import { recruitmentFor, recruitmentText } from './recruitment.ts';
import type { Proposal, ProposedSlot } from './store.ts';

const seconds = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

function Change({ before, after, show = String }: { before: number; after: number; show?: (n: number) => string }): ReactNode {
  return after === before ? <>{show(after)}</> : <>{show(before)} → <strong>{show(after)}</strong></>;
}

/** The hours the pôle lacks once every AESH is used, and the recruitment they call for (once the settings are read). */
function Lacking({ pole, settings }: { pole: AllocationPoleView; settings: Settings | undefined }): ReactNode {
  if (pole.lackingMinutes === 0) return null;
  return (
    <p>
      Heures que le pôle n’a pas : <strong>{formatHours(pole.lackingMinutes)}</strong>
      {settings === undefined ? null : <> → {recruitmentText(recruitmentFor(new Map([[pole.poleId, pole.lackingMinutes]]), settings).total, settings)}</>}
    </p>
  );
}

function PoleSummary({ pole, settings }: { pole: AllocationPoleView; settings: Settings | undefined }): ReactNode {
  const { before, after } = pole;
  const changed = pole.aesh.filter((a) => a.workedAfter !== a.workedBefore);
  return (
    <section className="draft-pole" aria-label={`Bilan ${pole.poleCode}`}>
      <h3>{pole.poleCode} <span className="muted">{pole.poleName}</span></h3>
      <table className="plain figures">
        <thead><tr><th><span className="sr-only">Indicateur</span></th><th className="num">Avant</th><th className="num">Après</th></tr></thead>
        <tbody>
          <tr><th scope="row">Élèves sans AESH</th><td className="num">{before.pupilsWithout}</td><td className="num"><strong>{after.pupilsWithout}</strong></td></tr>
          <tr><th scope="row">Accompagnés en partie</th><td className="num">{before.pupilsPartial}</td><td className="num"><strong>{after.pupilsPartial}</strong></td></tr>
          <tr><th scope="row">Accompagnés en totalité</th><td className="num">{before.pupilsFull}</td><td className="num"><strong>{after.pupilsFull}</strong></td></tr>
          <tr><th scope="row">Heures individuelles couvertes</th><td className="num">{formatHours(before.individualMinutesCovered)}</td><td className="num"><strong>{formatHours(after.individualMinutesCovered)}</strong></td></tr>
          <tr><th scope="row">Heures individuelles manquantes</th><td className="num">{formatHours(before.missingMinutes)}</td><td className="num"><strong>{formatHours(after.missingMinutes)}</strong></td></tr>
        </tbody>
      </table>
      <p className="muted">
        {pole.boundMinutes !== null ? <>Au plus <strong>{formatHours(pole.boundMinutes)}</strong> atteignables (borne du calcul). </> : null}
        Calculé en {seconds.format(pole.seconds)} s.
      </p>
      <Lacking pole={pole} settings={settings} />
      {changed.length > 0 ? (
        <table className="plain figures" aria-label={`AESH de ${pole.poleCode}`}>
          <thead><tr><th>AESH</th><th className="num">Heures / contrat</th><th className="num">Trajets</th></tr></thead>
          <tbody>
            {changed.map((a) => (
              <tr key={a.aeshId}>
                <th scope="row">{a.name}</th>
                <td className={a.workedAfter > a.contractMinutes ? 'num bad' : 'num'}><Change before={a.workedBefore} after={a.workedAfter} show={formatHours} /> / {formatHours(a.contractMinutes)}</td>
                <td className="num">{a.journeysAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pole.aesh.length > changed.length ? <p className="muted">{countOf(pole.aesh.length - changed.length, 'autre AESH inchangé', 'autres AESH inchangés')}.</p> : null}
    </section>
  );
}

type Grouping = 'aesh' | 'pupil';
interface Group { key: string; label: string; slots: ProposedSlot[] }

function groupsOf(slots: readonly ProposedSlot[], by: Grouping): Group[] {
  const groups = new Map<string, Group>();
  const add = (key: string, label: string, slot: ProposedSlot): void => {
    const group = groups.get(key) ?? { key, label, slots: [] };
    group.slots.push(slot);
    groups.set(key, group);
  };
  for (const slot of slots) {
    if (by === 'aesh') add(`a${slot.aeshId}`, slot.aeshName, slot);
    else slot.pupilIds.forEach((id, i) => add(`p${id}`, slot.pupilNames[i] ?? `n° ${id}`, slot));
  }
  return [...groups.values()].sort(byFrench((g) => g.label));
}

const minutesOf = (slots: readonly ProposedSlot[]): number => slots.reduce((sum, s) => sum + s.end - s.start, 0);
const slotWhen = (s: ProposedSlot): string => `${WEEKDAY_LABELS[s.weekday]}${s.validTo !== null ? ` ${formatDate(s.validTo)}` : ''} ${formatHours(s.start)} – ${formatHours(s.end)}`;

function SlotGroup({ group, by, chosen, onSelect }: { group: Group; by: Grouping; chosen: ReadonlySet<string>; onSelect(keys: string[], on: boolean): void }): ReactNode {
  const keys = group.slots.map((s) => s.key);
  const ticked = keys.filter((k) => chosen.has(k)).length;
  return (
    <li className="draft-group">
      <label className="check draft-group-head">
        <input
          type="checkbox" checked={ticked === keys.length}
          ref={(element) => { if (element) element.indeterminate = ticked > 0 && ticked < keys.length; }}
          onChange={() => onSelect(keys, ticked < keys.length)}
        />
        <strong>{group.label}</strong> <span className="muted">{countOf(keys.length, 'créneau', 'créneaux')} · {formatHours(minutesOf(group.slots))}</span>
      </label>
      <ul>
        {group.slots.map((s) => (
          <li key={s.key}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(s.key)} onChange={() => onSelect([s.key], !chosen.has(s.key))} />
              {slotWhen(s)} · {s.schoolName} · {by === 'aesh' ? s.pupilNames.join(', ') : s.aeshName}
            </label>
            <p className="slot-why">{s.reason}</p>
          </li>
        ))}
      </ul>
    </li>
  );
}

interface Props {
  proposal: Proposal;
  /** Slots of this proposal already accepted (and written). */
  accepted: number;
  chosen: readonly string[];
  onChoose(chosen: string[]): void;
  onAccept(slotKeys: string[] | undefined): Promise<void>;
  onDiscard(): void;
  /** Répartition: opens a pôle's weeks in the editor, where the ghosts are drawn. */
  onShowPole?(poleId: number): void;
}

export function Draft({ proposal, accepted, chosen, onChoose, onAccept, onDiscard, onShowPole }: Props): ReactNode {
  const [by, setBy] = useState<Grouping>('aesh');
  const [accepting, setAccepting] = useState(false);
  const settings = useApiData('settings.get', {}).data;
  const ticked = new Set(chosen);
  const select = (keys: string[], on: boolean): void => {
    const next = new Set(ticked);
    for (const key of keys) if (on) next.add(key); else next.delete(key);
    // In the proposal's order: what is accepted reads as it was proposed.
    onChoose(proposal.slots.map((s) => s.key).filter((k) => next.has(k)));
  };
  const accept = async (keys: string[] | undefined): Promise<void> => {
    setAccepting(true);
    try {
      await onAccept(keys);
    } finally {
      setAccepting(false);
    }
  };
  const all = proposal.slots.length;
  const replanned = proposal.ended.length + proposal.removed.length;
  const nothing = all === 0 && replanned === 0;

  return (
    <div className="allocation-draft">
      <p className="notice">
        <strong>Proposition à valider</strong> à partir du {formatDate(proposal.date)} : {countOf(all, 'créneau proposé', 'créneaux proposés')}, en pointillés dans les emplois du temps.
        {replanned > 0 ? ` La replanification arrête ${countOf(proposal.ended.length, 'créneau', 'créneaux')} la veille et en retire ${proposal.removed.length}.` : ''}
        {accepted > 0 ? ` ${countOf(accepted, 'créneau déjà accepté', 'créneaux déjà acceptés')} ; le bilan reste celui de la proposition entière.` : ''}
      </p>
      {proposal.poles.map((pole) => (
        <div key={pole.poleId}>
          <PoleSummary pole={pole} settings={settings} />
          {onShowPole ? <button type="button" onClick={() => onShowPole(pole.poleId)}>Voir {pole.poleCode} dans les emplois du temps</button> : null}
        </div>
      ))}

      <section aria-label="Créneaux proposés" className="draft-slots">
        <h3>Créneaux proposés <span className="muted">({all})</span></h3>
        {all === 0 ? <p className="muted">Aucun créneau à ajouter.</p> : (
          <>
            <div className="toolbar">
              <span className="segmented" role="group" aria-label="Regrouper">
                <button type="button" aria-pressed={by === 'aesh'} onClick={() => setBy('aesh')}>Par AESH</button>
                <button type="button" aria-pressed={by === 'pupil'} onClick={() => setBy('pupil')}>Par élève</button>
              </span>
              <button type="button" onClick={() => onChoose(proposal.slots.map((s) => s.key))} disabled={chosen.length === all}>Tout cocher</button>
              <button type="button" onClick={() => onChoose([])} disabled={chosen.length === 0}>Tout décocher</button>
            </div>
            <ul className="draft-groups">
              {groupsOf(proposal.slots, by).map((g) => <SlotGroup key={g.key} group={g} by={by} chosen={ticked} onSelect={select} />)}
            </ul>
          </>
        )}
      </section>

      <section aria-label="Élèves non couverts" className="draft-unplaced">
        <h3>Élèves non couverts <span className="muted">({proposal.unplaced.length})</span></h3>
        {proposal.unplaced.length === 0 ? <p className="ok">Chaque élève notifié reçoit ses heures.</p> : (
          <ul>
            {proposal.unplaced.map((u) => (
              <li key={u.pupilId}>
                <strong>{u.pupilName}</strong> — il manque {formatHours(u.missingMinutes)}
                <p className="slot-why">{u.reason}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="form-actions draft-actions">
        <button type="button" className="primary" disabled={accepting || nothing} onClick={() => void accept(undefined)}>Tout accepter</button>
        {all > 0 ? (
          <button type="button" disabled={accepting || chosen.length === 0 || chosen.length === all} onClick={() => void accept([...chosen])}>
            Accepter la sélection ({countOf(chosen.length, 'créneau', 'créneaux')})
          </button>
        ) : null}
        <button type="button" className="danger-outline" disabled={accepting} onClick={onDiscard}>Abandonner</button>
      </div>
    </div>
  );
}
