import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { type Expectation, judgeAnswer, QUESTION_SETS } from '../../src/answer/evaluate.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { AnswerSchema } from '../../src/answer/schema.js';
import { canonical, digits, reportTexts } from './faithful.js';

/**
 * The question sets — the team's (questions.json) and those written blind from the report alone
 * (blind-*.json) — answered in full. Every question is right
 * unless tests/fixtures/known-wrong.json names it with the reason, so a change that breaks a
 * right answer fails by name, and one that mends a listed answer must take it off the list.
 */
const sets = QUESTION_SETS.map((name) => ({ name, items: JSON.parse(readFileSync(`tests/fixtures/${name}`, 'utf8')) as Expectation[] }));
const knownWrong = JSON.parse(readFileSync('tests/fixtures/known-wrong.json', 'utf8')) as Record<string, { q: string; reason: string }[]>;
const pages = new Set(Array.from({ length: 35 }, (_, i) => String(i + 1)));

let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

describe.each(sets)('$name', ({ name, items }) => {
  const listed = new Map((knownWrong[name] ?? []).map((w) => [w.q, w.reason]));

  it('lists only questions of the set, each with a reason', () => {
    const asked = new Set(items.map((i) => i.q));
    for (const [q, reason] of listed) {
      expect(asked.has(q), `${name} lists a question it does not hold: ${q}`).toBe(true);
      expect(reason.length, q).toBeGreaterThan(10);
    }
  });

  it('answers every question right but the ones known wrong', () => {
    const broken: string[] = [];
    const mended: string[] = [];
    for (const item of items) {
      const problem = judgeAnswer(answerQuestion(kb, item.q), item);
      if (problem && !listed.has(item.q)) broken.push(`${item.q} — ${problem}`);
      if (!problem && listed.has(item.q)) mended.push(item.q);
    }
    expect(broken, 'answers that were right and are now wrong').toEqual([]);
    expect(mended, 'answers now right: take them off tests/fixtures/known-wrong.json').toEqual([]);
  });

  it('is faithful: every quote stands in the report, every number of an answer stands in a quote', () => {
    for (const item of items) {
      const answer = answerQuestion(kb, item.q);
      expect(() => AnswerSchema.parse(answer)).not.toThrow();
      for (const c of answer.citations) expect(reportTexts.some((t) => t.includes(canonical(c.quote))), `${item.q}: ${c.quote}`).toBe(true);
      const quoted = new Set(answer.citations.flatMap((c) => digits(c.quote)));
      // a decline may point to a page ("the nearest it comes is p. 21"): a page of the report, not a figure
      const text = answer.answered ? answer.text : answer.text.replace(/\bp\. (\d+)\b/g, (_, n: string) => (pages.has(n) ? 'p. N' : n));
      for (const d of digits(text)) expect(quoted.has(d), `${item.q}: ${d} in "${answer.text}"`).toBe(true);
    }
  });
});
