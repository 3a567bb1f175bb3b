import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { buildKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { parseReport } from '../../src/corpus/parse.js';
import { ManifestSchema } from '../../src/corpus/schema.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

// Two reports: the seed, and the same text presented as another force's report. A question is
// answered from the reports of the force it names; with no force named, the bot asks which.
const text = readFileSync('corpus/cleveland-effectiveness-2015/report.txt', 'utf8');
const manifest = ManifestSchema.parse(JSON.parse(readFileSync('corpus/cleveland-effectiveness-2015/report.json', 'utf8')));

let kb: Knowledge;
beforeAll(() => {
  const durham = { ...manifest, id: 'durham-effectiveness-2015', force: 'Durham Constabulary', title: 'PEEL: Police effectiveness 2015 – An inspection of Durham Constabulary' };
  kb = buildKnowledge([parseReport(text, manifest), parseReport(text.replaceAll('Cleveland', 'Durham'), durham)], loadVocabulary('intents'));
});

describe('several reports', () => {
  it('answers from the named force only', () => {
    const a = answerQuestion(kb, 'how good is durham at investigating crime?');
    expect(a.judgments).toEqual([expect.objectContaining({ report: 'durham-effectiveness-2015', grade: 'good', page: 25 })]);
    expect(a.citations.every((c) => c.report === 'durham-effectiveness-2015')).toBe(true);
    const b = answerQuestion(kb, 'Cleveland Police grades');
    expect(b.judgments).toHaveLength(5);
    expect(b.judgments?.every((j) => j.report === 'cleveland-effectiveness-2015')).toBe(true);
  });

  it('asks which force when none is named', () => {
    const a = answerQuestion(kb, 'what grades did they get?');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('Which force?');
    expect(a.text).toContain('Durham Constabulary');
    expect(a.suggestions).toContain('What grades did Cleveland Police get?');
  });

  it('searches passages and metrics within the named force', () => {
    const a = answerQuestion(kb, 'how many organised crime groups in durham');
    expect(a.metric?.value).toBe('33');
    expect(a.citations[0]?.report).toBe('durham-effectiveness-2015');
  });
});
