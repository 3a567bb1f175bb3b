/**
 * A paragraph that runs across a page break is cited at the pages its quote stands on: the
 * parser keeps where each later page begins in the block's text, and a quote wholly after the
 * break is cited at the later page, one that crosses it at both ("pp. 22–23").
 */
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { pageAt, pageLabel, pagesOf } from '../../src/corpus/page-span.js';
import { citeBlock } from '../../src/facts/index.js';
import { sourceContext } from '../../src/library/knowledge.js';
import { citationLine, renderSourceModal } from '../../src/render/blocks.js';
import { realKnowledge } from '../slack/harness.js';
import { blockStarting, seed, SEED_LINES } from './seed.js';

describe('page breaks inside a block', () => {
  const { report } = seed();
  const victims = blockStarting(report, 'The force recognises its position with victim satisfaction rates');

  it('keeps where p. 23 begins in the paragraph that starts on p. 22', () => {
    expect(victims.page).toBe(22);
    expect(victims.pageBreaks).toHaveLength(1);
    const [brk] = victims.pageBreaks!;
    expect(brk!.page).toBe(23);
    // the first words of p. 23 in report.txt stand at the break
    const firstLineOf23 = SEED_LINES[report.pages.find((p) => p.n === 23)!.firstLine - 1]!.trim();
    expect(firstLineOf23.startsWith('providing consistent messages to teams')).toBe(true);
    expect(victims.text.slice(brk!.at).startsWith('providing consistent messages to teams')).toBe(true);
  });

  it('gives each sentence the page it stands on', () => {
    const before = 'It reviewed the reasons for dissatisfaction, and these match the reasons for the downward trends in England and Wales.';
    const after = 'The force’s staff survey shows that staff have a strong public service commitment but insufficient time and resources prevent them from giving a quality service.';
    const across = 'The group’s initial focus is on providing consistent messages to teams, and on incorporating this with the force’s values and its ‘proud to serve’ initiative.';
    expect(pagesOf(victims, before)).toEqual({ page: 22, lastPage: 22 });
    expect(pagesOf(victims, after)).toEqual({ page: 23, lastPage: 23 });
    expect(pagesOf(victims, across)).toEqual({ page: 22, lastPage: 23 });
    expect(citeBlock(report, victims, after)).toMatchObject({ page: 23, quote: after });
    expect(citeBlock(report, victims, across)).toMatchObject({ page: 22, lastPage: 23 });
    expect(citeBlock(report, victims, before)).not.toHaveProperty('lastPage');
    expect(pageAt(victims, victims.text.length - 1)).toBe(23);
  });

  it('shows a quote across the break as "pp. 22–23" and one page as "p. N"', () => {
    expect(pageLabel({ page: 22, lastPage: 23 })).toBe('pp. 22–23');
    expect(pageLabel({ page: 22 })).toBe('p. 22');
    expect(citationLine({ section: 'Victims', page: 22, lastPage: 23 })).toBe('Victims · pp. 22–23');
  });

  it('cites an answer quoting across the break at both pages', () => {
    const answer = answerQuestion(realKnowledge(), 'what does the staff survey show?');
    expect(answer.text).toContain('staff survey shows that staff have a strong public service commitment');
    expect(answer.citations[0]).toMatchObject({ page: 22, lastPage: 23 });
  });

  it('opens "Show source" at every page the paragraph stands on', () => {
    const kb = realKnowledge();
    const [citation] = answerQuestion(kb, 'what does the staff survey show?').citations;
    const source = sourceContext(kb, citation!);
    expect(source).toMatchObject({ page: 22, lastPage: 23, text: victims.text });
    expect(renderSourceModal({ reportTitle: 'PEEL', citation: citation!, source }).title.text).toBe('Source · pp. 22–23');
  });

  it('leaves a block on one page without breaks', () => {
    const oneSided = report.blocks.filter((b) => !b.pageBreaks);
    expect(oneSided.length).toBeGreaterThan(150);
    expect(report.blocks.filter((b) => b.pageBreaks).map((b) => b.pageBreaks!.map((x) => `${b.page}→${x.page}`).join())).toEqual(['21→22', '22→23', '31→32']);
  });
});
