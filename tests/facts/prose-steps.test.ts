/**
 * The named steps of reading a number in prose (src/facts/metrics.ts), each on sentences shaped
 * like the report's. The whole report's metrics are checked by tests/facts/metrics.test.ts and the
 * golden copy of corpus --json.
 */
import { describe, expect, it } from 'vitest';
import { comparatorOf, earlierOf, fromTo, mentions, quotedWith } from '../../src/facts/metrics.js';

describe('mentions', () => {
  it.each([
    ['Cleveland recorded 42,844 incidents of anti-social behaviour.', [['42,844', 'count']]],
    ['79.0 percent were satisfied, against 83.8 percent in England and Wales.', [['79.0', 'percent'], ['83.8', 'percent']]],
    ['There were 59 OCGs per one million population in 2015.', [['59', 'per million population']]],
    ['The rate was 78.7 crimes per 1,000 population in the 12 months to June 2015.', [['78.7', 'per 1,000 population']]],
    ['See Figure 3 and page 12 of the report, published in 2015.', []],
  ])('%s', (sentence, expected) => {
    expect(mentions(sentence).map((m) => [m.text, m.unit])).toEqual(expected);
  });
});

describe('fromTo', () => {
  it('takes the later value as the figure, the earlier as its earlier value, and what was counted', () => {
    const sentence = 'The force reduced the number of managed offenders from 280 down to 140 in a year.';
    const change = fromTo(sentence, mentions(sentence))!;
    expect(change.metric).toMatchObject({ label: 'managed offenders', value: { text: '140', number: 140 }, unit: 'count', earlier: { text: '280', number: 280, when: null } });
    expect(change.used.map((m) => m.text).sort()).toEqual(['140', '280']);
    expect(fromTo('Crime fell by 5 percent.', [])).toBeNull();
  });
});

describe('comparatorOf', () => {
  it('finds England and Wales in the same sentence, within the window after the number', () => {
    const sentences = ['Satisfaction was 79.0 percent, compared with 83.8 percent for England and Wales.'];
    const found = sentences.map(mentions);
    const got = comparatorOf(sentences, found, 0, found[0]![0]!, new Set([found[0]![0]!]));
    expect(got.comparator).toEqual({ area: 'England and Wales', text: '83.8', number: 83.8 });
    expect(got.mention).toBe(found[0]![1]);
    expect(got.sentence).toBeNull();
  });

  it('else takes the next sentence’s number of the same unit when it names the area', () => {
    const sentences = ['Cleveland recorded 78.7 crimes per 1,000 population.', 'This compares with 63.0 crimes per 1,000 population across England and Wales.'];
    const found = sentences.map(mentions);
    const got = comparatorOf(sentences, found, 0, found[0]![0]!, new Set());
    expect(got.comparator).toMatchObject({ area: 'England and Wales', number: 63 });
    expect(got.sentence).toBe(sentences[1]);
  });

  it('finds none when a sentence names the area before the number (the number is the comparator itself)', () => {
    const sentences = ['In England and Wales the rate was 63.0 per 1,000 population and in Cleveland 78.7 per 1,000 population.'];
    const found = sentences.map(mentions);
    expect(comparatorOf(sentences, found, 0, found[0]![1]!, new Set()).comparator).toBeNull();
  });
});

describe('earlierOf', () => {
  it('reads "from N as at <date>" after the number', () => {
    const sentence = 'The force has 13 OCGs, which has reduced from 22 as at 1 July 2014.';
    const found = mentions(sentence);
    expect(earlierOf(sentence, found[0]!, found)).toEqual({ earlier: { text: '22', number: 22, when: 'as at 1 July 2014' }, mention: found[1] });
    expect(earlierOf('The force has 13 OCGs.', mentions('The force has 13 OCGs.')[0]!, []).earlier).toBeNull();
  });
});

describe('quotedWith', () => {
  it('quotes a figure with the next sentence that restates it, and a restating sentence with the one before', () => {
    const sentences = ['The force has mapped 33 OCGs.', 'This represents 59 OCGs per one million population.', 'Other text.'];
    expect(quotedWith(sentences, 0, null)).toBe('The force has mapped 33 OCGs. This represents 59 OCGs per one million population.');
    expect(quotedWith(sentences, 1, null)).toBe('The force has mapped 33 OCGs. This represents 59 OCGs per one million population.');
    expect(quotedWith(['A rate of 78.7.', 'Nationally 63.0 in England and Wales.'], 0, 'Nationally 63.0 in England and Wales.')).toBe('A rate of 78.7. Nationally 63.0 in England and Wales.');
  });
});
