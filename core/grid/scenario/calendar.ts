/**
 * Pure date arithmetic for scenarios: civil date-times (no time zone, as grid2op's naive
 * `datetime`) to and from minutes since 1970-01-01 00:00, and the calendar fields grid2op puts
 * in every observation (`year`, `month`, `day`, `hour_of_day`, `minute_of_hour`, `day_of_week`
 * with Monday = 0 as Python's `weekday()`). No clock is read: everything follows from the
 * proleptic Gregorian calendar.
 *
 * @example
 * ```ts
 * const m = epochMinutes({ year: 2019, month: 1, day: 5, hour: 23, minute: 55 });
 * calendarOf(m + 5); // { year: 2019, month: 1, day: 6, hour_of_day: 0, minute_of_hour: 0, day_of_week: 6 }
 * ```
 * @module
 */

/** A civil date and time to the minute (months and days count from 1). */
export interface DateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** The calendar fields of a grid2op observation, with grid2op's names. */
export interface Calendar {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour_of_day: number;
  readonly minute_of_hour: number;
  /** Monday = 0 ... Sunday = 6 (Python's `datetime.weekday()`). */
  readonly day_of_week: number;
}

const MINUTES_PER_DAY = 1440;

/** Days since 1970-01-01 of a civil date (valid for any year, negative days before 1970). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Count years from March so the leap day is the last day of the counted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date `[year, month, day]` of a day count since 1970-01-01. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra -
    (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Whether `year` is a Gregorian leap year. */
const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Number of days in a month of a year. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether every field is an integer in range (a 31 February is not a date). */
export function isValidDateTime(dt: DateTime): boolean {
  const ints = [dt.year, dt.month, dt.day, dt.hour, dt.minute].every(Number.isSafeInteger);
  return ints && dt.year >= 1 && dt.year <= 9999 && dt.month >= 1 && dt.month <= 12 &&
    dt.day >= 1 && dt.day <= daysInMonth(dt.year, dt.month) && dt.hour >= 0 && dt.hour <= 23 &&
    dt.minute >= 0 && dt.minute <= 59;
}

/** Minutes since 1970-01-01 00:00 of a date-time. */
export function epochMinutes(dt: DateTime): number {
  return daysFromCivil(dt.year, dt.month, dt.day) * MINUTES_PER_DAY + dt.hour * 60 + dt.minute;
}

/** The date-time `minutes` after 1970-01-01 00:00. */
export function fromEpochMinutes(minutes: number): DateTime {
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  const inDay = minutes - days * MINUTES_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  return { year, month, day, hour: Math.floor(inDay / 60), minute: inDay % 60 };
}

/** Python's `weekday()` (Monday = 0) of the day holding `minutes`; 1970-01-01 was a Thursday. */
function weekday(minutes: number): number {
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  return ((days + 3) % 7 + 7) % 7;
}

/** Day of the year (1 on 1 January) of the day holding `minutes`. */
export function dayOfYear(minutes: number): number {
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  const [year] = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** grid2op's calendar fields of the moment `minutes` after 1970-01-01 00:00. */
export function calendarOf(minutes: number): Calendar {
  const dt = fromEpochMinutes(minutes);
  return {
    year: dt.year,
    month: dt.month,
    day: dt.day,
    hour_of_day: dt.hour,
    minute_of_hour: dt.minute,
    day_of_week: weekday(minutes),
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `YYYY-MM-DD HH:MM`, the format of grid2op's `start_datetime.info`. */
export function formatDateTime(dt: DateTime): string {
  return `${pad(dt.year, 4)}-${pad(dt.month, 2)}-${pad(dt.day, 2)} ${pad(dt.hour, 2)}:${
    pad(dt.minute, 2)
  }`;
}
