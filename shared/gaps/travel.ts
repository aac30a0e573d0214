import type { Settings } from '../domain/settings.ts';
import type { EngineSchool, EngineSlot } from './record.ts';

/**
 * Journey time between two schools, the model behind TRAVEL_TIME and the travel part of an AESH's
 * working time:
 * - both schools have coordinates: straight-line (haversine) distance × the road factor (1.3 by
 *   default: country roads wind), at the average speed (40 km/h by default: rural roads, parking,
 *   walking to the classroom), rounded up to the minute; `known: 'measured'`;
 * - same commune without coordinates: the same-commune default (10 min); `known: 'commune'`;
 * - otherwise the journey is unknown: the same-commune default is used as a lower bound and the
 *   gap is never raised as critique; `known: 'unknown'`.
 */
export interface Journey {
  minutes: number;
  known: 'measured' | 'commune' | 'unknown';
}

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number): number => (degrees * Math.PI) / 180;

export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

export function journey(from: EngineSchool, to: EngineSchool, settings: Settings): Journey {
  if (from.id === to.id) return { minutes: 0, known: 'measured' };
  if (from.latitude !== null && from.longitude !== null && to.latitude !== null && to.longitude !== null) {
    const km = distanceKm({ latitude: from.latitude, longitude: from.longitude }, { latitude: to.latitude, longitude: to.longitude }) * settings.roadFactor;
    return { minutes: Math.ceil((km / settings.travelSpeedKmh) * 60), known: 'measured' };
  }
  const sameCommune = from.commune !== null && from.commune === to.commune;
  return { minutes: settings.sameCommuneTravelMinutes, known: sameCommune ? 'commune' : 'unknown' };
}

/** A journey between two schools in an AESH's day, and the minutes the timetable leaves for it. */
export interface Leg { from: EngineSlot; to: EngineSlot; journey: Journey; available: number }

/**
 * The journeys of an AESH's week (slots by weekday then start): from the slot that ends last so
 * far in the day to the next one, when they are at two schools. A slot that starts before that
 * one ends overlaps it: no journey then (the AESH cannot leave before arriving; the OVERLAP gap
 * reports it), and nothing of it counts as travel in the working time.
 */
export function legsOf(slots: readonly EngineSlot[], journeyBetween: (from: number, to: number) => Journey): Leg[] {
  const legs: Leg[] = [];
  let last: EngineSlot | undefined;
  for (const to of slots) {
    if (last === undefined || last.weekday !== to.weekday) {
      last = to;
      continue;
    }
    if (to.startMinute >= last.endMinute && last.schoolId !== to.schoolId) {
      legs.push({ from: last, to, journey: journeyBetween(last.schoolId, to.schoolId), available: to.startMinute - last.endMinute });
    }
    if (to.endMinute >= last.endMinute) last = to;
  }
  return legs;
}
