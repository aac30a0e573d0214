import { describe, expect, it } from 'vitest';
import { inForce, notificationConflict } from '../../shared/domain/notifications.ts';
import { parseDate, rangesOverlap } from '../../shared/domain/dates.ts';

describe('notification periods', () => {
  const shared = { id: 1, kind: 'shared' as const, startDate: '2025-09-01', endDate: '2027-08-31' };

  it('refuses an individual notification over a shared one, citing the rule and the dates', () => {
    const message = notificationConflict({ kind: 'individual', startDate: '2026-01-05', endDate: '2026-07-04' }, [shared]);
    expect(message).toContain('la notification mutualisée du 01/09/2025 au 31/08/2027');
    expect(message).toContain('D.351-16-1');
  });

  it('accepts one that starts the day after the other ends', () => {
    expect(notificationConflict({ kind: 'individual', startDate: '2027-09-01', endDate: '2028-08-31' }, [shared])).toBeNull();
  });

  it('refuses one ending on the first day of the other (closed ranges)', () => {
    expect(notificationConflict({ kind: 'individual', startDate: '2024-09-01', endDate: '2025-09-01' }, [shared])).not.toBeNull();
  });

  it('compares periods that carry no id (rows of an imported file)', () => {
    const { id: _id, ...withoutId } = shared;
    expect(notificationConflict({ kind: 'individual', startDate: '2026-01-05', endDate: '2026-07-04' }, [withoutId])).not.toBeNull();
  });

  it('ignores the notification being edited', () => {
    expect(notificationConflict({ ...shared, endDate: '2028-08-31' }, [shared])).toBeNull();
  });

  it('is in force from its first to its last day', () => {
    expect(inForce(shared, '2025-09-01')).toBe(true);
    expect(inForce(shared, '2027-08-31')).toBe(true);
    expect(inForce(shared, '2027-09-01')).toBe(false);
    expect(inForce({ startDate: '2020-01-01', endDate: null }, '2030-01-01')).toBe(true);
  });

  it('treats an open end as running for ever', () => {
    expect(rangesOverlap('2030-01-01', '2030-02-01', '2020-01-01', null)).toBe(true);
  });
});

describe('parseDate', () => {
  it('reads dd/mm/yyyy and yyyy-mm-dd', () => {
    expect(parseDate('05/09/2025')).toBe('2025-09-05');
    expect(parseDate('5/9/2025')).toBe('2025-09-05');
    expect(parseDate('2025-09-05')).toBe('2025-09-05');
  });
  it('refuses dates that do not exist', () => {
    expect(parseDate('31/02/2025')).toBeNull();
    expect(parseDate('2025-13-01')).toBeNull();
    expect(parseDate('demain')).toBeNull();
  });
});
