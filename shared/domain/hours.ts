// Durations and times of day are whole minutes everywhere in the record: "correct to the hour"
// needs exact sums, which decimal hours in floating point do not give.

/** Reads a duration as a person writes it: 12, 12,5, 12.5, 12h, 12 h 30, 12:30. Null when unreadable. */
export function parseHours(raw: string | number): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? Math.round(raw * 60) : null;
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const decimal = /^(\d{1,3})(?:[.,](\d+))?(?: ?h)?$/.exec(text);
  if (decimal) return Math.round(Number(`${decimal[1]}.${decimal[2] ?? '0'}`) * 60);
  const clock = /^(\d{1,3}) ?[h:] ?(\d{1,2})(?: ?min)?$/.exec(text);
  if (clock && Number(clock[2]) < 60) return Number(clock[1]) * 60 + Number(clock[2]);
  return null;
}

/** Reads a time of day: 08:30, 8:30, 8h30, 8 h 30, 8h. Null when unreadable or past 24 h. */
export function parseClock(raw: string): number | null {
  const match = /^(\d{1,2}) ?[h:] ?(\d{2})?$/.exec(raw.trim().toLowerCase());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2] ?? '0');
  return Number(match[2] ?? '0') < 60 && minutes <= 24 * 60 ? minutes : null;
}

/** 750 → "12 h 30", 720 → "12 h", 0 → "0 h": the French way to write hours. */
export function formatHours(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const whole = formatInteger(hours);
  return rest === 0 ? `${sign}${whole} h` : `${sign}${whole} h ${String(rest).padStart(2, '0')}`;
}

/** A time of day for an input field: 510 → "08:30". */
export function formatClockInput(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** 1640 → "1 640" (narrow no-break space, as French typography and Intl write it; by hand, because
 * toLocaleString builds a formatter at every call and the engine formats thousands of figures). */
export function formatInteger(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}
