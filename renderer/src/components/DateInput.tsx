import { useId, useState, type ReactNode } from 'react';
import { formatDate, parseDate, type IsoDate } from '../../../shared/domain/dates.ts';
import { useUi } from '../store.ts';

/**
 * The date an analysis is made for, typed as jj/mm/aaaa whatever the system's language (a native
 * date picker follows the OS locale, which is not always French). Applied on Enter or on leaving
 * the field; an unreadable date is shown as such and not applied.
 */
export function DateInput({ value, onChange, label = 'Date', withToday = true }: {
  value: IsoDate; onChange(value: IsoDate): void; label?: string;
  /** False where today is no likely answer (a holiday table): no "Aujourd’hui" button. */
  withToday?: boolean;
}): ReactNode {
  const id = useId();
  const today = useUi((s) => s.today);
  const [draft, setDraft] = useState(formatDate(value));
  // A new value from outside replaces the draft, during the render rather than in an effect that
  // would first paint the stale draft.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setDraft(formatDate(value));
  }
  const parsed = parseDate(draft);
  const apply = (): void => {
    if (parsed !== null && parsed !== value) onChange(parsed);
  };
  return (
    <span className="inline-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id} type="text" inputMode="numeric" size={10} value={draft} placeholder="jj/mm/aaaa"
        aria-invalid={parsed === null} title={parsed === null ? 'Date illisible : jj/mm/aaaa attendu' : undefined}
        onChange={(e) => setDraft(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
      {withToday && value !== today ? <button type="button" onClick={() => onChange(today)}>Aujourd’hui</button> : null}
    </span>
  );
}
