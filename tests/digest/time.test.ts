import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { addDays, canonicalZone, localDateTime, parseClockTime, zonedInstant } from '../../src/digest/time.js';

const iso = (t: number) => new Date(t).toISOString();

describe('digest times and zones', () => {
  it.each([
    ['08:30', '08:30'],
    ['8:30', '08:30'],
    ['23:59', '23:59'],
    ['00:00', '00:00'],
    ['25:99', null],
    ['24:00', null],
    ['08:60', null],
    ['0830', null],
  ])('parseClockTime(%s) → %s', (text, expected) => expect(parseClockTime(text)).toBe(expected));

  it.each([
    ['Europe/London', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['UTC', 'UTC'],
    ['Mars/Olympus', null],
    ['', null],
    ['<!channel>', null],
  ])('canonicalZone(%s) → %s', (text, expected) => expect(canonicalZone(text)).toBe(expected));

  it('finds local 08:30 in London across both 2026 clock changes', () => {
    expect(iso(zonedInstant('2026-03-28', '08:30', 'Europe/London'))).toBe('2026-03-28T08:30:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '08:30', 'Europe/London'))).toBe('2026-03-29T07:30:00.000Z');
    expect(iso(zonedInstant('2026-10-24', '08:30', 'Europe/London'))).toBe('2026-10-24T07:30:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '08:30', 'Europe/London'))).toBe('2026-10-25T08:30:00.000Z');
    expect(iso(zonedInstant('2026-06-01', '08:30', 'Australia/Lord_Howe'))).toBe('2026-05-31T22:00:00.000Z');
  });

  it('knows the local date on either side of midnight', () => {
    expect(localDateTime(Date.parse('2026-05-12T23:30:00Z'), 'Europe/London')).toEqual({ date: '2026-05-13', time: '00:30' });
    expect(localDateTime(Date.parse('2026-05-12T23:30:00Z'), 'UTC')).toEqual({ date: '2026-05-12', time: '23:30' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('config validates DIGEST_TIME, DIGEST_TZ and DIGEST_CATCHUP_HOURS, naming each', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(() => loadConfig({ ...base, DIGEST_TIME: '25:99', DIGEST_TZ: 'Mars/Olympus', DIGEST_CATCHUP_HOURS: 'lots' })).toThrowError(
      'Config: DIGEST_TIME must be HH:MM on a 24-hour clock, e.g. 08:30; DIGEST_TZ must be an IANA time zone such as Europe/London or UTC; DIGEST_CATCHUP_HOURS must be a number of hours from 0 to 24, e.g. 6',
    );
    expect(loadConfig({ ...base, DIGEST_TIME: ' ', DIGEST_TZ: '', DIGEST_CATCHUP_HOURS: '' }).digest).toEqual({ time: '08:30', zone: 'Europe/London', catchupHours: 6 });
  });
});
