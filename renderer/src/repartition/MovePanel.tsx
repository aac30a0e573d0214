// Moving one AESH of a pôle to another from a date: the balances of both pôles before and after
// are shown before anything is written, and the move is either confirmed at once or added to the
// what-if moves being tried.
import { useState, type ReactNode } from 'react';
import type { PoleBalance } from '../../../shared/repartition/balance.ts';
import type { PlannedMove } from '../../../shared/repartition/moves.ts';
import { formatDate, type IsoDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { Loading } from '../components/common.tsx';
import { Named } from '../lists/names.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { SidePanel } from '../components/SidePanel.tsx';
import { useApiData } from '../useApiData.ts';
import { signedEtp } from './format.ts';

interface Props {
  from: PoleBalance;
  poles: readonly PoleBalance[];
  date: IsoDate;
  /** The moves already tried (what-if): the preview adds this one to them. */
  tried: readonly PlannedMove[];
  simulating: boolean;
  onMove(move: PlannedMove): Promise<void>;
  onClose(): void;
}

function BalanceChange({ before, after }: { before: PoleBalance | undefined; after: PoleBalance | undefined }): ReactNode {
  if (before === undefined || after === undefined) return null;
  return (
    <tr>
      <th scope="row"><Named name={before.poleName} code={before.poleCode} /></th>
      <td className="num">{formatHours(before.balanceMinutes)} → <strong>{formatHours(after.balanceMinutes)}</strong></td>
      <td className="num">{signedEtp(before.balanceEtp)} → <strong>{signedEtp(after.balanceEtp)}</strong></td>
      <td className="num">{before.pupilsInFull} → <strong>{after.pupilsInFull}</strong></td>
      <td className="num">{before.pupilsWithoutSupport} → <strong>{after.pupilsWithoutSupport}</strong></td>
    </tr>
  );
}

export function MovePanel({ from, poles, date, tried, simulating, onMove, onClose }: Props): ReactNode {
  const [aeshId, setAeshId] = useState<number | null>(null);
  const [toPoleId, setToPoleId] = useState<number | null>(null);
  const [moveDate, setMoveDate] = useState(date);
  const [busy, setBusy] = useState(false);
  // The pôle as it stands on the move's date, moves tried included: the AESH to choose from, and
  // the balances before the move.
  const before = useApiData('repartition.get', { date: moveDate, moves: [...tried], aeshOfPole: from.poleId ?? 0 });
  const move: PlannedMove | null = aeshId === null || toPoleId === null ? null : { aeshId, toPoleId, date: moveDate };
  const after = useApiData('repartition.get', { date: moveDate, moves: move === null ? [] : [...tried, move] }, move !== null);
  const balanceOf = (view: typeof after.data, poleId: number | null): PoleBalance | undefined => view?.poles.find((p) => p.poleId === poleId);
  const preview = after.data?.preview.at(-1);
  const confirm = async (): Promise<void> => {
    if (move === null) return;
    setBusy(true);
    try {
      await onMove(move);
    } finally {
      setBusy(false);
    }
  };
  return (
    <SidePanel title={`Déplacer un AESH de ${from.poleName} (${from.poleCode ?? 'sans pôle'})`} onClose={onClose}>
      {before.data === undefined ? <Loading error={before.error} /> : (
        // Not a form: Enter in the date field applies the date, it must never confirm the move.
        <div className="move-form">
          <div className="field">
            <label htmlFor="move-aesh">AESH</label>
            <select id="move-aesh" value={aeshId ?? ''} onChange={(e) => setAeshId(e.target.value === '' ? null : Number(e.target.value))}>
              <option value="">Choisir…</option>
              {before.data.aeshOfPole.map((a) => (
                <option key={a.aeshId} value={a.aeshId}>{a.name} — {a.contractKind} {formatHours(a.contractMinutes)}, {formatHours(a.scheduledMinutes)} planifiées</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="move-to">Vers le pôle</label>
            <select id="move-to" value={toPoleId ?? ''} onChange={(e) => setToPoleId(e.target.value === '' ? null : Number(e.target.value))}>
              <option value="">Choisir…</option>
              {poles.filter((p) => p.poleId !== from.poleId).map((p) => (
                <option key={p.poleId} value={p.poleId ?? ''}>{p.poleName} ({p.poleCode}) — solde {formatHours(p.balanceMinutes)}</option>
              ))}
            </select>
          </div>
          <div className="field"><DateInput label="À partir du" value={moveDate} onChange={setMoveDate} /></div>
          {after.error ? <p className="form-error" role="alert">{after.error}</p> : null}
          {preview === undefined || after.data === undefined || before.data === undefined ? null : (
            <section aria-label="Effet du déplacement">
              <p>
                {preview.aeshName} quitte {from.poleName} le {formatDate(preview.date)} :{' '}
                {countOf(preview.slotsEnded, 'créneau y prend fin la veille', 'créneaux y prennent fin la veille')},{' '}
                {countOf(preview.pupilsLeft, 'élève perd cet accompagnement', 'élèves perdent cet accompagnement')}.
                Un <strong>avenant au contrat</strong> sera à établir (changement de lieu de travail).
              </p>
              <table className="plain">
                <thead><tr><th>Pôle</th><th className="num">Solde (h)</th><th className="num">Solde (ETP)</th><th className="num">Élèves en totalité</th><th className="num">Élèves sans AESH</th></tr></thead>
                <tbody>
                  <BalanceChange before={balanceOf(before.data, from.poleId)} after={balanceOf(after.data, from.poleId)} />
                  <BalanceChange before={balanceOf(before.data, toPoleId)} after={balanceOf(after.data, toPoleId)} />
                </tbody>
              </table>
            </section>
          )}
          <div className="form-actions">
            <button type="button" className="primary" disabled={preview === undefined || busy} onClick={() => void confirm()}>
              {simulating ? 'Ajouter à la simulation' : 'Confirmer le déplacement'}
            </button>
            <button type="button" onClick={onClose}>Annuler</button>
          </div>
        </div>
      )}
    </SidePanel>
  );
}
