import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/facts/schema.js';
import { seed } from '../corpus/seed.js';

const { facts } = seed();
const prose = facts.metrics.filter((m) => m.from === 'prose');

/** The one prose metric with this value (as written) whose quote contains `within`. */
function proseMetric(value: string, within: string): Metric {
  const found = prose.filter((m) => m.value.text === value && m.quote.includes(within));
  if (found.length !== 1) throw new Error(`expected one prose metric ${value} in "${within}", found ${found.length}`);
  return found[0]!;
}

describe('figure metrics', () => {
  it('give one metric per Figure 2 row, with the England and Wales comparator and the caption’s unit and period', () => {
    const fig2 = facts.metrics.filter((m) => m.figure === 2);
    expect(fig2.map((m) => [m.value.text, m.value.number, m.unit, m.comparator?.text, m.comparator?.number])).toEqual([
      ['78.7', 78.7, 'per 1,000 population', '63.0', 63],
      ['70.9', 70.9, 'per 1,000 population', '56.0', 56],
      ['1.8', 1.8, 'per 1,000 population', '1.6', 1.6],
      ['7.6', 7.6, 'per 1,000 population', '6.3', 6.3],
      // the figure's note: "the rate for burglary in a dwelling is the rate per 1,000 households"
      ['10.3', 10.3, 'per 1,000 households', '8.4', 8.4],
      ['76.4', 76.4, 'per 1,000 population', '32.9', 32.9],
    ]);
    for (const m of fig2) {
      expect(m.period).toBe('12 months to 30 June 2015');
      expect(m.page).toBe(11);
      expect(m.comparator?.area).toBe('England and Wales');
    }
    expect(fig2[4]!.citations.map((c) => c.block)).toHaveLength(3); // row, caption, note
  });

  it('give Figure 4 a count and a rate per row, sub-rows labelled with their group', () => {
    const charged = facts.metrics.filter((m) => m.figure === 4 && m.label.startsWith('Charged/Summonsed'));
    expect(charged.map((m) => [m.value.text, m.value.number, m.unit, m.comparator?.text, m.comparator?.number])).toEqual([
      ['9,705', 9705, 'count', '577,678', 577678],
      ['22.0', 22, 'rate', '16.0', 16],
    ]);
    expect(charged[0]!.quote).toBe('Charged/Summonsed 9,705 22.0 577,678 16.0');
    // the rate is defined by footnote 4 of the caption
    expect(charged[1]!.citations.some((c) => c.quote.startsWith('Rate based on number of outcomes'))).toBe(true);
    const youths = facts.metrics.find((m) => m.figure === 4 && m.label.startsWith('Caution - youths') && m.unit === 'count')!;
    expect(youths.label).toContain('(Out-of-court (formal))');
    expect([youths.value.text, youths.comparator?.text]).toEqual(['192', '19,703']);
    const resolution = facts.metrics.find((m) => m.figure === 4 && m.label.startsWith('Community resolution') && m.unit === 'rate')!;
    expect(resolution.label).toContain('(Out-of-court (informal))');
    expect([resolution.value.text, resolution.comparator?.text]).toEqual(['2.7', '3.3']);
    expect(facts.metrics.filter((m) => m.figure === 4)).toHaveLength(18);
  });

  it('give Figure 7 four shares in percent', () => {
    const fig7 = facts.metrics.filter((m) => m.figure === 7);
    expect(fig7.map((m) => [m.label.split(' · ')[0], m.value.number, m.unit, m.period])).toEqual([
      ['Drug activity', 85, 'percent', 'as at 30 June 2015'],
      ['Sexual offences', 6, 'percent', 'as at 30 June 2015'],
      ['Organised theft', 6, 'percent', 'as at 30 June 2015'],
      ['Violent criminal activity', 3, 'percent', 'as at 30 June 2015'],
    ]);
  });
});

describe('prose metrics', () => {
  it('42,844 incidents of anti-social behaviour in the 12 months to 30 June 2015 (p12)', () => {
    const m = proseMetric('42,844', 'incidents of anti-social behaviour');
    expect(m).toMatchObject({ unit: 'count', period: '12 months to 30 June 2015', page: 12, label: 'incidents of anti-social behaviour' });
    expect(m.value.number).toBe(42844);
    // the next sentence restates it ("This is 2 percent fewer …"): the two are quoted together
    expect(m.quote).toBe(
      'In the 12 months to 30 June 2015, Cleveland Police recorded 42,844 incidents of anti-social behaviour. This is 2 percent fewer incidents than the force recorded during the previous 12 months.',
    );
  });

  it('2 percent fewer incidents, against 9 percent fewer across England and Wales (the next sentence)', () => {
    const m = proseMetric('2', 'percent fewer incidents');
    expect(m).toMatchObject({ unit: 'percent', page: 12 });
    expect(m.comparator).toEqual({ area: 'England and Wales', text: '9', number: 9 });
    // the sentence "This" refers to, the sentence the value stands in, then the comparator's sentence
    expect(m.quote.startsWith('In the 12 months to 30 June 2015, Cleveland Police recorded 42,844 incidents of anti-social behaviour. This is 2 percent fewer incidents than the force recorded during the previous 12 months.')).toBe(true);
    expect(m.quote).toContain('9 percent');
  });

  it('victim satisfaction 79.0 percent against 83.8 percent nationally, 12 months to 31 March 2015 (p22)', () => {
    const m = proseMetric('79.0', 'were satisfied with their whole experience');
    expect(m).toMatchObject({ unit: 'percent', period: '12 months to 31 March 2015', page: 22 });
    expect(m.value.number).toBe(79);
    // the report says "the national victim satisfaction rate of 83.8 percent"
    expect(m.comparator).toEqual({ area: 'national', text: '83.8', number: 83.8 });
  });

  it('33 organised crime groups, and 59 per one million of the population, as at 30 June 2015 (p28)', () => {
    const groups = proseMetric('33', 'monitoring 33 organised crime groups');
    expect(groups).toMatchObject({ unit: 'count', period: 'as at 30 June 2015', page: 28, label: 'organised crime groups (OCGs)' });
    const rate = proseMetric('59', 'per one million of the population');
    expect(rate).toMatchObject({ unit: 'per million population', page: 28 });
    // a figure restated in other numbers is quoted with the sentence it restates, both ways
    const both = 'As at 30 June 2015, Cleveland Police was actively disrupting, investigating or monitoring 33 organised crime groups (OCGs). This represents 59 OCGs per one million of the population.';
    expect(rate.quote).toBe(both);
    expect(groups.quote).toBe(both);
  });

  it('managed offenders from 280 down to 140 (p23)', () => {
    const m = proseMetric('140', 'from 280 down to 140');
    expect(m).toMatchObject({ unit: 'count', page: 23 });
    expect(m.label).toContain('managed offenders');
    expect(m.earlier).toEqual({ text: '280', number: 280, when: null });
  });

  it('offending reduced by 48 percent (p23)', () => {
    const m = proseMetric('48', 'reduced offending by 48 percent');
    expect(m).toMatchObject({ unit: 'percent', page: 23 });
    expect(m.quote).toBe(
      'The IOM teams have reduced offending by 48 percent based on the Home Office target setting for prolific and priority offenders.',
    );
  });

  it('13 MAPPA offenders as at 1 July 2015, down from 22 a year before (p24)', () => {
    const m = proseMetric('13', 'dealing with 13 offenders');
    expect(m).toMatchObject({ unit: 'count', period: 'as at 1 July 2015', page: 24 });
    expect(m.earlier).toEqual({ text: '22', number: 22, when: 'as at 1 July 2014' });
  });

  it('about 40 percent of crimes dealt with through the ICMT (p20)', () => {
    const m = proseMetric('40', 'through the ICMT');
    expect(m).toMatchObject({ unit: 'percent', page: 20 });
    expect(m.quote).toBe('The force now deals with approximately 40 percent of crimes through the ICMT.');
  });

  it('police recorded crime down 3 percent since 2010 against 13 percent across England and Wales (p9)', () => {
    const m = proseMetric('3', 'fell by 3 percent');
    expect(m.comparator).toEqual({ area: 'England and Wales', text: '13', number: 13 });
    expect(m.period).toBe('12 months to 30 June 2015');
  });

  it('no metric is a year, a date, a figure number or a footnote', () => {
    for (const m of prose) {
      expect(m.value.text, m.quote).not.toMatch(/^(?:19|20)\d\d$/);
      expect(m.quote).not.toMatch(new RegExp(`^Figure ${m.value.text}:`));
    }
  });
});
