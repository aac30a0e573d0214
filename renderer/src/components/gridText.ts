import type { TimeRange } from '../../../shared/domain/grid.ts';
import { formatClockInput, parseClock } from '../../../shared/domain/hours.ts';

/** One weekday of a school's grid as typed: "08:30-11:30, 13:30-16:30". */
export function formatGridDay(ranges: TimeRange[] | undefined): string {
  return (ranges ?? []).map((r) => `${formatClockInput(r.start)}-${formatClockInput(r.end)}`).join(', ');
}

/** The ranges, or a French message saying what could not be read. */
export function parseGridDay(text: string): TimeRange[] | string {
  const ranges: TimeRange[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [from, to, extra] = part.split(/\s*[-–]\s*/);
    const start = from === undefined ? null : parseClock(from);
    const end = to === undefined ? null : parseClock(to);
    if (start === null || end === null || extra !== undefined) return `plage « ${part} » illisible (HH:MM-HH:MM attendu)`;
    if (end <= start) return `la plage « ${part} » finit avant de commencer`;
    ranges.push({ start, end });
  }
  return ranges;
}
