// The activity's charts, for a glance (saisines by month, the protocol's delays, the school weeks'
// coverage), each followed by its figures as a table that screen readers and the curious can read.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PoleActivity } from '../../../shared/api/activity.ts';
import { monthLabel } from '../../../shared/activity/saisines.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { formatHours } from '../../../shared/domain/hours.ts';

const COLOURS = { bar: '#000091', worst: '#e4794a', notified: '#929292', scheduled: '#6a6af4', delivered: '#18753c' };
/** jsdom has no layout: the charts draw at this size until the container measures itself. */
const INITIAL = { width: 560, height: 260 };
const HEIGHT = 260;
const hours = (minutes: number): number => Math.round(minutes / 6) / 10;
const hoursLabel = (value: unknown): string => (typeof value === 'number' ? formatHours(value * 60) : '—');
const daysLabel = (value: unknown): string => (typeof value === 'number' ? `${value.toLocaleString('fr-FR')} j` : '—');

function ChartFrame({ title, note, table, children }: { title: string; note?: string; table: ReactNode; children: ReactNode }): ReactNode {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption><strong>{title}</strong>{note ? <span className="muted"> — {note}</span> : null}</figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>{children as never}</ResponsiveContainer>
      </div>
      <details className="activity-data">
        <summary>Les chiffres du graphique</summary>
        {table}
      </details>
    </figure>
  );
}

export function MonthlySaisines({ activity }: { activity: PoleActivity }): ReactNode {
  const data = activity.saisines.byMonth.map((m) => ({ month: monthLabel(m.month), count: m.count }));
  return (
    <ChartFrame title="Saisines reçues par mois" table={
      <table className="plain">
        <thead><tr><th scope="col">Mois</th><th scope="col" className="num">Saisines</th></tr></thead>
        <tbody>{data.map((d) => <tr key={d.month}><th scope="row">{d.month}</th><td className="num">{d.count}</td></tr>)}</tbody>
      </table>
    }>
      <BarChart data={data} margin={{ left: 0, right: 16, top: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} width={36} />
        <Tooltip />
        <Bar dataKey="count" name="saisines" fill={COLOURS.bar} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function ProtocolDelays({ activity }: { activity: PoleActivity }): ReactNode {
  const { delays } = activity.saisines;
  const data = [
    { label: 'Réception → 1er contact', ...delays.firstContact },
    { label: 'Réception → plan d’action', ...delays.plan },
    { label: 'Plan → bilan', ...delays.bilan },
  ].map((d) => ({ ...d, median: d.medianDays, worst: d.worstDays }));
  return (
    <ChartFrame title="Délais du protocole" note="en jours : médiane et plus long" table={
      <table className="plain">
        <thead><tr><th scope="col">Délai</th><th scope="col" className="num">Médiane</th><th scope="col" className="num">Plus long</th><th scope="col" className="num">Saisines</th></tr></thead>
        <tbody>{data.map((d) => (
          <tr key={d.label}><th scope="row">{d.label}</th><td className="num">{daysLabel(d.median)}</td><td className="num">{daysLabel(d.worst)}</td><td className="num">{d.count}</td></tr>
        ))}</tbody>
      </table>
    }>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} />
        <Tooltip formatter={daysLabel} />
        <Legend />
        <Bar dataKey="median" name="médiane" fill={COLOURS.bar} isAnimationActive={false} />
        <Bar dataKey="worst" name="plus long" fill={COLOURS.worst} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function WeeklyCoverage({ activity }: { activity: PoleActivity }): ReactNode {
  const data = activity.support.weeks.map((w) => ({
    week: formatDate(w.week).slice(0, 5), notified: hours(w.notifiedMinutes), scheduled: hours(w.scheduledMinutes), delivered: hours(w.deliveredMinutes), waiting: w.waiting,
  }));
  return (
    <ChartFrame title="Heures par semaine de classe" note="aide individuelle : notifiées, programmées, réalisées (absences non remplacées déduites)" table={
      <table className="plain">
        <thead><tr>
          <th scope="col">Semaine du</th><th scope="col" className="num">Notifiées</th><th scope="col" className="num">Programmées</th>
          <th scope="col" className="num">Réalisées</th><th scope="col" className="num">Élèves en attente</th>
        </tr></thead>
        <tbody>{data.map((d) => (
          <tr key={d.week}>
            <th scope="row">{d.week}</th><td className="num">{hoursLabel(d.notified)}</td><td className="num">{hoursLabel(d.scheduled)}</td>
            <td className="num">{hoursLabel(d.delivered)}</td><td className="num">{d.waiting}</td>
          </tr>
        ))}</tbody>
      </table>
    }>
      <LineChart data={data} margin={{ left: 8, right: 16, top: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="week" tick={{ fontSize: 12 }} />
        <YAxis width={84} tickFormatter={(v: number) => `${v.toLocaleString('fr-FR')} h`} />
        <Tooltip formatter={hoursLabel} />
        <Legend />
        <Line dataKey="notified" name="notifiées" stroke={COLOURS.notified} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        <Line dataKey="scheduled" name="programmées" stroke={COLOURS.scheduled} dot={false} isAnimationActive={false} />
        <Line dataKey="delivered" name="réalisées" stroke={COLOURS.delivered} strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
