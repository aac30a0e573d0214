import { describe, expect, it } from 'vitest';
import { formatClockInput, formatHours, parseClock, parseHours } from '../../shared/domain/hours.ts';

describe('parseHours reads hours as people write them', () => {
  it.each([
    ['12', 720], ['12,5', 750], ['12.5', 750], ['12h', 720], ['12 h', 720], ['12 h 30', 750], ['12h30', 750],
    ['12:30', 750], ['0', 0], ['24', 1440], ['6,25', 375], [' 9 H 15 ', 555],
  ])('%s → %i minutes', (text, minutes) => {
    expect(parseHours(text)).toBe(minutes);
  });

  it('takes numbers as hours', () => {
    expect(parseHours(12.5)).toBe(750);
  });

  it.each(['douze', '', '12 h 75', '-3', '12,5,5', 'h30'])('refuses %j', (text) => {
    expect(parseHours(text)).toBeNull();
  });
});

describe('times of day', () => {
  it('reads 08:30, 8h30, 8 h 30 and 8h', () => {
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('8h30')).toBe(510);
    expect(parseClock('8 h 30')).toBe(510);
    expect(parseClock('8h')).toBe(480);
  });
  it('refuses past midnight and bad minutes', () => {
    expect(parseClock('25:00')).toBeNull();
    expect(parseClock('10:60')).toBeNull();
  });
  it('formats for inputs', () => {
    expect(formatClockInput(510)).toBe('08:30');
  });
});

describe('formatHours writes French hours', () => {
  it('writes 12 h 30, 12 h and 0 h', () => {
    expect(formatHours(750)).toBe('12 h 30');
    expect(formatHours(720)).toBe('12 h');
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(65)).toBe('1 h 05');
    expect(formatHours(76_529 * 60 + 15)).toBe('76\u202f529 h 15');
  });
  it('shows a shortfall with a minus sign', () => {
    expect(formatHours(-90)).toBe('−1 h 30');
  });
});
