// The dashboard's charts (Recharts: SVG, so they print and read the same in Electron and in the
// browser). Each chart is drawn from the same indicators as the figures, never from other data.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SnapshotSummary } from '../../../shared/api/contract.ts';
import { fold } from '../../../shared/domain/collate.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import type { PoleIndicators, StatusCounts, WaitingPupil } from '../../../shared/gaps/indicators.ts';

const COLOURS = { full: '#18753c', partial: '#e4794a', none: '#c9191e', needs: '#000091', capacity: '#6a6af4', target: '#666' };
const BAR_HEIGHT = 26;
/** jsdom has no layout: the charts draw at this size until the container measures itself. */
const INITIAL = { width: 560, height: 280 };

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const hours = (minutes: number): number => Math.round(minutes / 6) / 10;
const percentLabel = (value: unknown): string => (typeof value === 'number' ? `${value.toLocaleString('fr-FR')} %` : '—');
const hoursLabel = (value: unknown): string => (typeof value === 'number' ? `${value.toLocaleString('fr-FR')} h` : '—');

function ChartFrame({ title, note, height, children }: { title: string; note?: string; height: number; children: ReactNode }): ReactNode {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption><strong>{title}</strong>{note ? <span className="muted"> — {note}</span> : null}</figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ ...INITIAL, height }}>{children as never}</ResponsiveContainer>
      </div>
    </figure>
  );
}

/**
 * Pôles by name on the axes (their code in the tooltip); a name two pôles share takes its code, so
 * that each bar stays told apart and a click finds its pôle.
 */
function poleLabel(poles: readonly PoleIndicators[]): (pole: PoleIndicators) => string {
  const uses = new Map<string, number>();
  for (const p of poles) uses.set(p.poleName, (uses.get(p.poleName) ?? 0) + 1);
  return (p) => (p.poleCode === null ? 'Sans pôle' : uses.get(p.poleName)! > 1 ? `${p.poleName} (${p.poleCode})` : p.poleName);
}
const codeLabel = (data: readonly { pole: string; code: string | null }[]) => (label: unknown): string => {
  const code = data.find((d) => d.pole === label)?.code;
  return code == null || String(label).includes(code) ? String(label) : `${String(label)} (${code})`;
};
const POLE_AXIS_WIDTH = 190;

/** Coverage by pôle, worst first: stacked shares of pupils in full, in part, without AESH. */
export function CoverageByPole({ poles, onPole }: { poles: readonly PoleIndicators[]; onPole(code: string): void }): ReactNode {
  const label = poleLabel(poles);
  const data = poles.filter((p) => p.pupils.notified > 0).map((p) => ({
    pole: label(p), code: p.poleCode, full: p.pupils.full, partial: p.pupils.partial, none: p.pupils.none,
    worst: p.pupils.none / p.pupils.notified,
  })).sort((a, b) => b.worst - a.worst);
  if (data.length === 0) return null;
  return (
    <ChartFrame title="Couverture par pôle" note="élèves notifiés ; cliquez sur un pôle pour le détailler" height={40 + data.length * BAR_HEIGHT}>
      <BarChart data={data} layout="vertical" margin={{ left: 24, right: 16 }} onClick={(state) => {
        const code = data.find((d) => d.pole === state?.activeLabel)?.code;
        if (typeof code === 'string') onPole(code);
      }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="pole" width={POLE_AXIS_WIDTH} tick={{ fontSize: 12 }} />
        <Tooltip labelFormatter={codeLabel(data)} />
        <Legend />
        <Bar dataKey="full" name="en totalité" stackId="p" fill={COLOURS.full} isAnimationActive={false} />
        <Bar dataKey="partial" name="en partie" stackId="p" fill={COLOURS.partial} isAnimationActive={false} />
        <Bar dataKey="none" name="sans AESH" stackId="p" fill={COLOURS.none} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

/** Needs against capacity: individually notified hours against the contract hours of the pôle's AESH. */
export function NeedsVsCapacity({ poles }: { poles: readonly PoleIndicators[] }): ReactNode {
  const label = poleLabel(poles);
  const data = poles.map((p) => ({ pole: label(p), code: p.poleCode, needs: hours(p.hours.notifiedMinutes), capacity: hours(p.aesh.contractMinutes) }))
    .sort((a, b) => (b.needs - b.capacity) - (a.needs - a.capacity));
  if (data.length === 0) return null;
  return (
    <ChartFrame title="Besoins et moyens par pôle" note="heures par semaine : notifiées (aide individuelle) et au contrat des AESH" height={40 + data.length * BAR_HEIGHT * 1.4}>
      <BarChart data={data} layout="vertical" margin={{ left: 24, right: 16 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" />
        <YAxis type="category" dataKey="pole" width={POLE_AXIS_WIDTH} tick={{ fontSize: 12 }} />
        <Tooltip formatter={hoursLabel} labelFormatter={codeLabel(data)} />
        <Legend />
        <Bar dataKey="needs" name="heures notifiées" fill={COLOURS.needs} isAnimationActive={false} />
        <Bar dataKey="capacity" name="heures au contrat" fill={COLOURS.capacity} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

const WAIT_BUCKETS: readonly { label: string; upTo: number }[] = [
  { label: '< 15 j', upTo: 14 }, { label: '15–30 j', upTo: 30 }, { label: '1–2 mois', upTo: 61 },
  { label: '2–3 mois', upTo: 92 }, { label: '3–6 mois', upTo: 183 }, { label: '> 6 mois', upTo: Infinity },
];

/** Pupils without any AESH, by how long they have waited since their notification began. */
export function WaitingByDays({ waiting }: { waiting: readonly WaitingPupil[] }): ReactNode {
  const data = WAIT_BUCKETS.map((b) => ({ bucket: b.label, pupils: 0 }));
  for (const w of waiting) data[WAIT_BUCKETS.findIndex((b) => w.days <= b.upTo)]!.pupils += 1;
  return (
    <ChartFrame title="Élèves sans AESH selon l’attente" note={`${waiting.length.toLocaleString('fr-FR')} élève(s), depuis le début de la notification`} height={240}>
      <BarChart data={data} margin={{ right: 16 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="bucket" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="pupils" name="élèves" fill={COLOURS.none} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export interface TrendPoint { label: string; date: string; full: number | null; served: number | null; target: number | null }

/** The dated snapshots of the pôle (or the département) against the targets set for their labels. */
export function trendPoints(snapshots: readonly SnapshotSummary[], poleCode: string | null, targets: readonly { label: string; percent: number }[]): TrendPoint[] {
  const targetOf = new Map(targets.map((t) => [fold(t.label.trim()), t.percent]));
  return snapshots.map((s) => {
    const counts: StatusCounts | undefined = poleCode === null ? s.pupils : s.poles.find((p) => p.poleCode === poleCode)?.pupils;
    return {
      label: s.label,
      date: formatDate(s.date),
      full: counts === undefined ? null : share(counts.full, counts.notified),
      served: counts === undefined ? null : share(counts.full + counts.partial, counts.notified),
      target: targetOf.get(fold(s.label.trim())) ?? null,
    };
  });
}

/** The lowest value shown, a round ten below the lowest point: shares close to 100 % stay apart. */
function floorOf(points: readonly TrendPoint[]): number {
  const values = points.flatMap((p) => [p.full, p.served, p.target]).filter((v): v is number => v !== null);
  return values.length === 0 ? 0 : Math.max(0, Math.floor(Math.min(...values) / 10) * 10 - 10);
}

export function Trend({ points }: { points: readonly TrendPoint[] }): ReactNode {
  if (points.length === 0) return <p className="muted">Enregistrez des relevés datés (rentrée, 1er octobre, Toussaint, Noël…) pour suivre l’évolution.</p>;
  return (
    <ChartFrame title="Évolution aux relevés" note="part des élèves notifiés, et objectif fixé pour chaque relevé" height={260}>
      <LineChart data={points} margin={{ left: 8, right: 64 }}>
        <CartesianGrid />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis domain={[floorOf(points), 100]} unit=" %" allowDataOverflow />
        <Tooltip
          formatter={percentLabel}
          labelFormatter={(label, payload) => {
            const point = payload[0]?.payload as TrendPoint | undefined;
            return point === undefined ? label : `${point.label} (${point.date})`;
          }}
        />
        <Legend />
        <Line dataKey="full" name="accompagnés en totalité" stroke={COLOURS.full} strokeWidth={2} isAnimationActive={false} connectNulls />
        <Line dataKey="served" name="accompagnés (totalité ou partie)" stroke={COLOURS.partial} isAnimationActive={false} connectNulls />
        {/* A target belongs to its snapshot only: points, never a line through the others. */}
        <Line dataKey="target" name="objectif" stroke={COLOURS.target} strokeWidth={0} dot={{ r: 5, stroke: COLOURS.target, fill: '#fff', strokeWidth: 2 }} legendType="circle" isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
