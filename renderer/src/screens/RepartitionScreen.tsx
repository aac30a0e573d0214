// Répartition (département level): each pôle's needs against the contract hours of its AESH, the
// balance in hours and ETP, the recruitment it calls for; moves of AESH between pôles, confirmed
// one at a time or tried together in a what-if mode and kept or discarded at once. While a
// proposal of the allocation assistant is open, the recruitment shows what it would be after it.
import { useState, type ReactNode } from 'react';
import type { RepartitionView } from '../../../shared/api/contract.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import type { PoleBalance } from '../../../shared/repartition/balance.ts';
import type { PlannedMove } from '../../../shared/repartition/moves.ts';
import { AssistantPanel } from '../allocation/AssistantPanel.tsx';
import { recruitmentFor, recruitmentText, type Recruitment } from '../allocation/recruitment.ts';
import { useAssistant, type Proposal } from '../allocation/store.ts';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { Named } from '../lists/names.tsx';
import { MovePanel } from '../repartition/MovePanel.tsx';
import { signedEtp } from '../repartition/format.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

interface Column {
  key: string;
  header: string;
  title?: string;
  value(row: PoleBalance): number | string;
  show(row: PoleBalance): string;
  /** Colours a shortfall. */
  bad?(row: PoleBalance): boolean;
  /** What the figure is made of, shown on hover. */
  detail?(row: PoleBalance): string;
}

const n = (value: number): string => value.toLocaleString('fr-FR');
const hours = (pick: (row: PoleBalance) => number) => ({ value: pick, show: (row: PoleBalance) => formatHours(pick(row)) });

const COLUMNS: readonly Column[] = [
  { key: 'pole', header: 'Pôle', value: (r) => r.poleName, show: (r) => r.poleName },
  { key: 'individual', header: 'Heures notifiées (indiv.)', title: 'Heures hebdomadaires des notifications individuelles en cours', ...hours((r) => r.individualMinutes) },
  { key: 'shared', header: 'Mutualisées (est.)', title: 'Élèves en aide mutualisée × heures par élève (Paramètres)', ...hours((r) => r.sharedEstimateMinutes), detail: (r) => `${countOf(r.sharedPupils, 'élève')} en aide mutualisée` },
  { key: 'ulis', header: 'ULIS (est.)', title: 'Dispositifs ULIS × heures par dispositif (Paramètres)', ...hours((r) => r.ulisEstimateMinutes), detail: (r) => `${countOf(r.ulisUnits, 'dispositif')} ULIS` },
  { key: 'need', header: 'Besoins', ...hours((r) => r.needMinutes) },
  { key: 'aesh', header: 'AESH', value: (r) => r.aeshHeadcount, show: (r) => n(r.aeshHeadcount) },
  { key: 'contract', header: 'Heures au contrat', ...hours((r) => r.contractMinutes) },
  { key: 'scheduled', header: 'Heures planifiées', title: 'Emplois du temps de la semaine, pause méridienne et trajets compris', ...hours((r) => r.scheduledMinutes) },
  { key: 'balance', header: 'Solde (h)', title: 'Heures au contrat − besoins', ...hours((r) => r.balanceMinutes), bad: (r) => r.balanceMinutes < 0 },
  { key: 'etp', header: 'Solde (ETP)', value: (r) => r.balanceEtp, show: (r) => signedEtp(r.balanceEtp), bad: (r) => r.balanceEtp < 0 },
  { key: 'full', header: 'Élèves en totalité', title: 'Élèves notifiés accompagnés en totalité', value: (r) => r.pupilsInFull, show: (r) => `${n(r.pupilsInFull)} / ${n(r.pupilsNotified)}` },
  { key: 'none', header: 'Élèves sans AESH', value: (r) => r.pupilsWithoutSupport, show: (r) => n(r.pupilsWithoutSupport), bad: (r) => r.pupilsWithoutSupport > 0 },
  { key: 'recruit', header: 'À recruter', title: 'Contrats types pour couvrir le déficit, et leur ETP', value: (r) => r.recruitEtp, show: (r) => (r.recruitContracts === 0 ? '—' : `${n(r.recruitContracts)} (${n(r.recruitEtp)} ETP)`) },
];

/** A figure as it would be after the open proposal, shown in place of the current one: "2 → 1". */
interface After { text: string; title: string }

function Cell({ column, row, base, after }: { column: Column; row: PoleBalance; base: PoleBalance | undefined; after?: After }): ReactNode {
  const changed = base !== undefined && column.value(base) !== column.value(row);
  return (
    <td className={`num${column.bad?.(row) ? ' bad' : ''}${changed ? ' changed' : ''}`} title={[column.detail?.(row), changed ? `avant : ${column.show(base)}` : undefined, after?.title].filter(Boolean).join(' ; ') || undefined}>
      {after?.text ?? column.show(row)}
    </td>
  );
}

/**
 * The recruitment column after the open proposal, for each pôle proposed and the département; null
 * without one. A proposed pôle's shortfall is then the hours it still lacks (its pupils left
 * without hours); any other pôle's is its balance, as now, so that the total adds up the same way.
 */
function recruitmentAfter(view: RepartitionView, proposal: Proposal | null, settings: Settings | undefined): { poles: Map<number | null, After>; total: After } | null {
  if (proposal === null || settings === undefined) return null;
  const lacking = new Map(proposal.poles.map((p) => [p.poleId, p.lackingMinutes]));
  const shortfalls = new Map(view.poles.flatMap((p) => (p.poleId === null ? [] : [[p.poleId, lacking.get(p.poleId) ?? Math.max(0, -p.balanceMinutes)] as const])));
  const figures = recruitmentFor(shortfalls, settings);
  const cell = (current: number, after: Recruitment): After =>
    ({ text: `${n(current)} → ${n(after.contracts)}`, title: `après la proposition : les élèves restant sans heures, ${recruitmentText(after, settings)}` });
  return {
    poles: new Map(view.poles.filter((p) => p.poleId !== null && lacking.has(p.poleId)).map((p) => [p.poleId, cell(p.recruitContracts, figures.poles.get(p.poleId!)!)])),
    total: cell(view.total.recruitContracts, figures.total),
  };
}

/** A pôle the view names only by its code, shown by name with the code as secondary text. */
function PoleNamed({ view, code }: { view: RepartitionView; code: string | null }): ReactNode {
  return <Named name={view.poles.find((p) => p.poleCode === code)?.poleName ?? code} code={code} />;
}

function PendingAmendments({ view }: { view: RepartitionView }): ReactNode {
  const mutate = useMutation();
  if (view.pendingAmendments.length === 0) return <p className="muted">Aucun avenant en attente.</p>;
  return (
    <table className="plain" aria-label="Avenants à établir">
      <thead><tr><th>AESH</th><th>Matricule</th><th>De</th><th>Vers</th><th>À partir du</th><th><span className="sr-only">Actions</span></th></tr></thead>
      <tbody>
        {view.pendingAmendments.map((m) => (
          <tr key={m.id}>
            <td>{m.aeshName}</td><td>{m.matricule}</td><td><PoleNamed view={view} code={m.fromPoleCode} /></td><td><PoleNamed view={view} code={m.toPoleCode} /></td><td>{formatDate(m.date)}</td>
            <td><button type="button" onClick={() => void mutate('moves.amendmentDone', { id: m.id }, `Avenant de ${m.aeshName} noté comme établi.`)}>Avenant établi</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RepartitionScreen(): ReactNode {
  const { date, setDate, whatIf, setWhatIf, notify, setTimetable, go } = useUi();
  const assistant = useAssistant();
  /** The pôles ticked for the allocation assistant. */
  const [forAssistant, setForAssistant] = useState<number[]>([]);
  const mutate = useMutation();
  const [sort, setSort] = useState<{ key: string; ascending: boolean }>({ key: 'balance', ascending: true });
  const [moving, setMoving] = useState<PoleBalance | null>(null);
  const tried = whatIf ?? [];
  const base = useApiData('repartition.get', { date, moves: [] });
  const simulated = useApiData('repartition.get', { date, moves: tried }, tried.length > 0);
  const view = tried.length > 0 ? simulated.data : base.data;
  const settings = useApiData('settings.get', {}).data;
  if (view === undefined || base.data === undefined) return <div className="page"><ScreenHeader title="Répartition" /><Loading error={simulated.error ?? base.error} /></div>;

  const baseline = base.data;
  const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
  const rows = [...view.poles].sort((a, b) => {
    const [x, y] = [column.value(a), column.value(b)];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'fr', { numeric: true });
    return sort.ascending ? order : -order;
  });
  const allPoles = view.poles.flatMap((p) => (p.poleId === null ? [] : [p.poleId]));
  const tickAll = forAssistant.length === allPoles.length && allPoles.length > 0;
  const tick = (poleId: number): void => setForAssistant(forAssistant.includes(poleId) ? forAssistant.filter((id) => id !== poleId) : [...forAssistant, poleId]);
  const propose = (): void => {
    const codes = view.poles.filter((p) => p.poleId !== null && forAssistant.includes(p.poleId)).map((p) => p.poleCode);
    setMoving(null);
    assistant.configure(forAssistant, tickAll ? 'Tous les pôles' : codes.length === 1 ? `Pôle ${codes[0]}` : `Pôles ${codes.join(', ')}`, date);
  };
  const after = recruitmentAfter(view, assistant.stage.kind === 'draft' ? assistant.stage.proposal : null, settings);
  const before = (poleId: number | null): PoleBalance | undefined => (tried.length > 0 ? baseline.poles.find((p) => p.poleId === poleId) : undefined);
  const keepAll = async (): Promise<void> => {
    try {
      const done = await mutate('repartition.move', { moves: tried }, `${countOf(tried.length, 'déplacement enregistré', 'déplacements enregistrés')} : ${tried.length === 1 ? 'avenant' : 'avenants'} à établir.`);
      if (done.moved === tried.length) setWhatIf(null);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };
  const move = async (planned: PlannedMove): Promise<void> => {
    if (whatIf !== null) {
      setWhatIf([...whatIf, planned]);
      setMoving(null);
      return;
    }
    try {
      await mutate('repartition.move', { moves: [planned] }, 'Déplacement enregistré : avenant à établir.');
      setMoving(null);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };

  return (
    <div className="list-screen">
      <div className="page repartition">
        <ScreenHeader title="Répartition des AESH entre les pôles">
          <DateInput value={date} onChange={setDate} />
          <label className="inline-field">
            <input type="checkbox" checked={whatIf !== null} onChange={(e) => setWhatIf(e.target.checked ? [] : null)} />
            Simulation
          </label>
          <label className="inline-field">
            <input type="checkbox" checked={tickAll} onChange={(e) => setForAssistant(e.target.checked ? allPoles : [])} />
            Tous les pôles
          </label>
          <button type="button" disabled={forAssistant.length === 0} onClick={propose} title="Cochez les pôles à répartir dans le tableau, ou tous les pôles">
            Proposer une répartition{forAssistant.length > 0 ? ` (${forAssistant.length})` : ''}
          </button>
        </ScreenHeader>
        {whatIf === null ? null : (
          <section className="notice what-if" aria-label="Simulation">
            <strong>Simulation :</strong> les déplacements essayés ne sont pas enregistrés tant que vous ne les conservez pas.
            {view.preview.length === 0 ? <p>Aucun déplacement essayé : « Déplacer… » sur la ligne d’un pôle.</p> : (
              <ul>
                {view.preview.map((p, index) => (
                  <li key={`${p.aeshId}-${p.date}`}>
                    {p.aeshName} : <PoleNamed view={view} code={p.fromPoleCode} /> → <PoleNamed view={view} code={p.toPoleCode} /> au {formatDate(p.date)} ({countOf(p.slotsEnded, 'créneau terminé', 'créneaux terminés')}, {countOf(p.pupilsLeft, 'élève concerné', 'élèves concernés')})
                    <button type="button" className="icon" aria-label={`Retirer le déplacement de ${p.aeshName}`} onClick={() => setWhatIf(tried.filter((_, i) => i !== index))}>×</button>
                  </li>
                ))}
              </ul>
            )}
            <div className="form-actions">
              <button type="button" className="primary" disabled={tried.length === 0} onClick={() => void keepAll()}>{tried.length === 1 ? 'Conserver le déplacement' : `Conserver les ${countOf(tried.length, 'déplacement')}`}</button>
              <button type="button" onClick={() => setWhatIf(null)}>Tout abandonner</button>
            </div>
          </section>
        )}
        <div className="table-scroll">
          <table className="plain repartition-table" aria-label="Répartition par pôle">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} className={c.key === 'pole' ? undefined : 'num'} title={c.title}
                    aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="sort" onClick={() => setSort({ key: c.key, ascending: sort.key === c.key ? !sort.ascending : true })}>
                      {c.header}{sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
                <th><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.poleId}>
                  <th scope="row">
                    {row.poleId === null ? null : <input type="checkbox" className="row-pick" aria-label={`Répartir ${row.poleCode}`} checked={forAssistant.includes(row.poleId)} onChange={() => tick(row.poleId!)} />}
                    <Named name={row.poleName} code={row.poleCode} />
                  </th>
                  {COLUMNS.slice(1).map((c) => <Cell key={c.key} column={c} row={row} base={before(row.poleId)} after={c.key === 'recruit' ? after?.poles.get(row.poleId) : undefined} />)}
                  <td><button type="button" aria-label={`Déplacer un AESH de ${row.poleCode}`} title="Déplacer un AESH de ce pôle vers un autre" onClick={() => setMoving(row)} disabled={row.aeshHeadcount === 0}>Déplacer…</button></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Département</th>
                {COLUMNS.slice(1).map((c) => <Cell key={c.key} column={c} row={view.total} base={tried.length > 0 ? baseline.total : undefined} after={c.key === 'recruit' ? after?.total : undefined} />)}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="muted">
          Besoins = heures des notifications individuelles + estimation des aides mutualisées et des ULIS (notifiées sans heures ; paramètres dans Paramètres).
          Solde = heures au contrat des AESH rattachés − besoins. À recruter : contrats types couvrant le déficit du pôle.
        </p>
        <h2>Avenants à établir</h2>
        <PendingAmendments view={baseline} />
      </div>
      {moving === null ? (
        <AssistantPanel onShowPole={(poleId) => { setTimetable({ poleId, focusId: null }); go('timetables'); }} />
      ) : (
        <MovePanel key={moving.poleId} from={moving} poles={view.poles} date={date} tried={tried} simulating={whatIf !== null} onMove={move} onClose={() => setMoving(null)} />
      )}
    </div>
  );
}
