// Every gap in support on the chosen date, filtered and grouped by pôle, each naming what to do.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { GAP_CODES, GAP_LABELS, SEVERITIES, type Gap, type GapCode, type Severity } from '../../../shared/gaps/types.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { Loading, matches, ScreenHeader, SearchBox } from '../components/common.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { SeverityBadge } from '../components/SeverityBadge.tsx';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';

type Item = { kind: 'pole'; label: string; count: number } | { kind: 'gap'; gap: Gap };
const HEIGHTS = { pole: 40, gap: 78 } as const;

function countBy<K extends string>(gaps: Gap[], key: (gap: Gap) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const gap of gaps) counts.set(key(gap), (counts.get(key(gap)) ?? 0) + 1);
  return counts;
}

function GapRow({ gap }: { gap: Gap }): ReactNode {
  const open = useUi((s) => s.open);
  return (
    <div className={`gap gap-${gap.severity}`}>
      <div className="gap-head">
        <SeverityBadge severity={gap.severity} />
        <strong>{GAP_LABELS[gap.code]}</strong>
        {gap.missingMinutes !== null ? <span className="muted">{formatHours(gap.missingMinutes)} manquantes par semaine</span> : null}
        <span className="gap-links">
          {gap.pupilId !== null ? <button type="button" className="link" onClick={() => open({ screen: 'pupils', id: gap.pupilId! })}>{gap.pupilName}</button> : null}
          {gap.aeshId !== null ? <button type="button" className="link" onClick={() => open({ screen: 'aesh', id: gap.aeshId! })}>{gap.aeshName} (AESH)</button> : null}
        </span>
      </div>
      <p className="gap-message" title={gap.message}>{gap.message}</p>
    </div>
  );
}

function GapList({ items }: { items: Item[] }): ReactNode {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => HEIGHTS[items[index]!.kind],
    overscan: 8,
  });
  return (
    <div className="gap-list" ref={scroller} role="list" aria-label="Ruptures d’accompagnement">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          return (
            <div key={row.key} role="listitem" className="gap-item" style={{ transform: `translateY(${row.start}px)`, height: HEIGHTS[item.kind] }}>
              {item.kind === 'pole' ? <h2 className="gap-pole">{item.label} <span className="muted">— {item.count} alerte(s)</span></h2> : <GapRow gap={item.gap} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function AlertsScreen(): ReactNode {
  const { date, setDate } = useUi();
  const gaps = useApiData('gaps.list', { date });
  const poles = useApiData('poles.list', {});
  const [pole, setPole] = useState('');
  const [code, setCode] = useState<GapCode | ''>('');
  const [severities, setSeverities] = useState<Set<Severity>>(new Set(SEVERITIES));
  const [query, setQuery] = useState('');

  const inPole = useMemo(() => (gaps.data ?? []).filter((g) => pole === '' || g.poleCode === pole), [gaps.data, pole]);
  const searched = useMemo(() => inPole.filter((g) => matches(query, g.pupilName, g.pupil, g.aeshName, g.aesh, g.uai, g.message)), [inPole, query]);
  const bySeverity = countBy(searched.filter((g) => code === '' || g.code === code), (g) => g.severity);
  const byCode = countBy(searched.filter((g) => severities.has(g.severity)), (g) => g.code);
  const shown = searched.filter((g) => severities.has(g.severity) && (code === '' || g.code === code));
  const items = useMemo(() => {
    const groups = new Map<string, Gap[]>();
    for (const gap of shown) groups.set(gap.poleCode ?? 'Sans pôle', [...(groups.get(gap.poleCode ?? 'Sans pôle') ?? []), gap]);
    return [...groups].sort(([a], [b]) => a.localeCompare(b, 'fr')).flatMap(([label, list]): Item[] => [{ kind: 'pole', label, count: list.length }, ...list.map((gap): Item => ({ kind: 'gap', gap }))]);
  }, [shown]);

  const toggle = (severity: Severity): void => {
    const next = new Set(severities);
    if (next.has(severity)) next.delete(severity);
    else next.add(severity);
    setSeverities(next);
  };

  return (
    <div className="page page-fill">
      <ScreenHeader title="Alertes" count={shown.length}>
        <DateInput value={date} onChange={setDate} />
      </ScreenHeader>
      <div className="filters" role="group" aria-label="Filtres">
        <select aria-label="Pôle" value={pole} onChange={(e) => setPole(e.target.value)}>
          <option value="">Tous les pôles</option>
          {(poles.data ?? []).map((p) => <option key={p.id} value={p.code}>{p.code} — {p.name}</option>)}
        </select>
        <select aria-label="Type d’alerte" value={code} onChange={(e) => setCode(e.target.value as GapCode | '')}>
          <option value="">Tous les types</option>
          {GAP_CODES.map((c) => <option key={c} value={c}>{GAP_LABELS[c]} ({byCode.get(c) ?? 0})</option>)}
        </select>
        {SEVERITIES.map((s) => (
          <label key={s} className={`severity-toggle badge-${s}`}>
            <input type="checkbox" checked={severities.has(s)} onChange={() => toggle(s)} /> {s} ({bySeverity.get(s) ?? 0})
          </label>
        ))}
        <SearchBox label="Élève, AESH, UAI…" value={query} onChange={setQuery} />
      </div>
      {gaps.data === undefined ? <Loading error={gaps.error} /> : shown.length === 0 ? (
        <p className="notice">Aucune rupture d’accompagnement {gaps.data.length === 0 ? 'à cette date' : 'pour ces filtres'}.</p>
      ) : <GapList items={items} />}
    </div>
  );
}
