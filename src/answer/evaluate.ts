import { pageLabel } from '../corpus/page-span.js';
import type { Answer } from './schema.js';

/** The question sets under tests/fixtures, in the order eval prints them (tests/fixtures/README.md keeps each one's history). */
export const QUESTION_SETS = ['questions.json', 'blind-dev.json', 'blind-test.json', 'blind-fresh.json', 'blind-fresh2.json', 'blind-fresh3.json', 'blind-fresh4.json', 'blind-fresh5.json', 'blind-fresh6.json', 'blind-fresh7.json', 'blind-fresh8.json', 'blind-fresh9.json', 'blind-fresh10.json', 'blind-fresh11.json', 'blind-fresh12.json'] as const;

/** One line of the question set: a question as people ask it and what a right answer must hold. */
export interface Expectation {
  q: string;
  intent: Answer['intent'];
  answered: boolean;
  /** case-insensitive strings the answer's text or one of its quotes must contain */
  must: string[];
  /** a page one of the citations must have */
  page: number | null;
  why: string;
}

/** Why an answer is wrong for its expectation, or null when it is right. */
export function judgeAnswer(answer: Answer, expected: Expectation): string | null {
  if (answer.answered !== expected.answered) return `answered=${answer.answered}, expected ${expected.answered}`;
  if (!expected.answered) return null;
  const haystack = [answer.text, ...answer.citations.map((c) => c.quote)].join('\n').toLowerCase().replace(/\s+/g, ' ');
  const missing = expected.must.filter((m) => !haystack.includes(m.toLowerCase().replace(/\s+/g, ' ')));
  if (missing.length) return `missing ${missing.map((m) => JSON.stringify(m)).join(', ')}`;
  // a quote that runs onto a later page is cited at both ("pp. 22–23"): it stands on each
  if (expected.page !== null && !answer.citations.some((c) => c.page <= expected.page! && expected.page! <= (c.lastPage ?? c.page))) {
    return `no citation on p${expected.page} (cited ${[...new Set(answer.citations.map((c) => pageLabel(c).replace(/^pp?\. /, '')))].join(', ') || 'nothing'})`;
  }
  return null;
}
