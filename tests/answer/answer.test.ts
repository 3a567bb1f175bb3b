import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import type { Expectation } from '../../src/answer/evaluate.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

const questions = JSON.parse(readFileSync('tests/fixtures/questions.json', 'utf8')) as Expectation[];
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

describe('the question set', () => {
  it('gives the same answer to the same question', () => {
    for (const q of questions.slice(0, 30)) expect(answerQuestion(kb, q.q)).toEqual(answerQuestion(kb, q.q));
  });
});

describe('answers', () => {
  it('grades investigating crime Good, citing the summary of findings on p25', () => {
    const a = answerQuestion(kb, 'How good is Cleveland Police at investigating crime?');
    expect(a.intent).toBe('judgment');
    expect(a.judgments).toEqual([expect.objectContaining({ grade: 'good', page: 25 })]);
    expect(a.citations[0]).toMatchObject({ page: 25, quote: 'Cleveland Police’s approach to investigating crime and managing offenders is generally good.' });
  });

  it('gives all five grades when no area is named', () => {
    const a = answerQuestion(kb, 'what grades did they get?');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['requires improvement', 'requires improvement', 'good', 'requires improvement', 'good']);
  });

  it('gives a figure-table value with its England and Wales comparator', () => {
    const a = answerQuestion(kb, 'anti-social behaviour incidents rate per 1,000');
    expect(a.metric).toMatchObject({ value: '76.4', unit: 'per 1,000 population', comparator: { area: 'England and Wales', value: '32.9' } });
    expect(a.citations[0]).toMatchObject({ page: 11, quote: 'Anti-social behaviour incidents* 76.4 32.9' });
  });

  it('gives an earlier value where the text gives one', () => {
    const a = answerQuestion(kb, 'how many managed offenders in IOM now?');
    expect(a.metric).toMatchObject({ value: '140', earlier: { value: '280' } });
    expect(a.citations[0]?.page).toBe(23);
  });

  it('counts what an area alias names ("organised crime groups" is also the serious and organised crime area)', () => {
    const a = answerQuestion(kb, 'how many organised crime groups?');
    expect(a.metric).toMatchObject({ value: '33', unit: 'count' });
    expect(a.citations[0]?.page).toBe(28);
  });

  it('asks which figure when a number question names nothing', () => {
    for (const q of ['%', '12', 'what are the figures?']) expect(answerQuestion(kb, q).answered, q).toBe(false);
  });

  it('declines a number the report does not give instead of showing another', () => {
    const a = answerQuestion(kb, 'what is the murder rate in cleveland');
    expect(a.answered).toBe(false);
    expect(a.intent).toBe('none');
    expect(a.suggestions).toHaveLength(3);
  });

  it('declines other forces, other pillars and nonsense', () => {
    for (const q of ['what grade did durham get', 'what is the legitimacy grade', 'asdfghjkl qwerty']) {
      expect(answerQuestion(kb, q).answered, q).toBe(false);
    }
  });

  it('lists the three areas for improvement for prevention, from p17', () => {
    const a = answerQuestion(kb, 'what should the force improve on preventing crime?');
    expect(a.intent).toBe('improvement');
    expect(a.improvements).toHaveLength(3);
    expect(a.citations.every((c) => c.page === 17)).toBe(true);
  });

  it('leads a passage answer with its key sentence', () => {
    const a = answerQuestion(kb, 'what is Operation Impact?');
    expect(a.intent).toBe('passage');
    expect(a.text).toContain('Operation Impact');
    expect(a.citations[0]?.page).toBe(14);
  });

  it('follows up on a thread: England and Wales for the last number', () => {
    const first = answerQuestion(kb, 'burglary rate');
    const next = answerQuestion(kb, 'and england and wales?', { previous: first });
    expect(next.text).toContain('8.4');
  });

  it('answers slash subcommands with a forced intent', () => {
    expect(answerQuestion(kb, '', { intent: 'judgment' }).judgments).toHaveLength(5);
    expect(answerQuestion(kb, 'organised crime', { intent: 'improvement' }).improvements).toHaveLength(1);
  });

  it('cuts a very long question at the door with a clear reply', () => {
    const a = answerQuestion(kb, 'grade '.repeat(2000));
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/too long/);
  });
});
