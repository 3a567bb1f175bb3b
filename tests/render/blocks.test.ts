import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/schema.js';
import { ACTION, LIMITS, renderAnswer, renderHome, renderNotice, renderSourceModal } from '../../src/render/blocks.js';
import { cutText, escapeMrkdwn } from '../../src/render/escape.js';

// Hand-built answers that follow the schema, with quotes copied from the Cleveland 2015 report.
const JUDGMENT: Answer = {
  question: 'how good is Cleveland at protecting vulnerable people?',
  intent: 'judgment',
  answered: true,
  text: 'Protecting vulnerable people: requires improvement.',
  citations: [
    {
      report: 'cleveland-effectiveness-2015',
      section: 'How effective is the force at protecting from harm those who are vulnerable, and supporting victims? › Summary of findings',
      page: 18,
      quote: 'requires improvement',
    },
  ],
  judgments: [
    {
      report: 'cleveland-effectiveness-2015',
      question: 'vulnerability',
      title: 'How effective is the force at protecting from harm those who are vulnerable, and supporting victims?',
      grade: 'requires improvement',
      page: 18,
    },
  ],
};

/** Every mrkdwn text in a rendered payload. */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
    return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
  }
  return [];
}

/** True when nothing in `text` can become a live mention or link in Slack. */
function inert(text: string): boolean {
  const withoutQuoteMarkers = text.replace(/^> /gm, '');
  return !/[<>]/.test(withoutQuoteMarkers) && !/&(?!amp;|lt;|gt;)/.test(text);
}

describe('escapeMrkdwn', () => {
  it('escapes only &, < and >', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x|y> *bold* _i_')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt; *bold* _i_',
    );
  });
});

describe('cutText', () => {
  it('cuts with an ellipsis within the limit, never inside an entity', () => {
    const text = `${'word '.repeat(10)}&amp;&amp;&amp;`;
    for (let max = 5; max < text.length; max++) {
      const { text: cut, cut: wasCut } = cutText(text, max);
      expect(wasCut).toBe(true);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      expect(cut).not.toMatch(/&[a-z]*…$/);
    }
    expect(cutText('short', 10)).toEqual({ text: 'short', cut: false });
  });
});

describe('renderAnswer', () => {
  it('shows the grade badge, the answer, the quote and the citation line', () => {
    const { blocks, text } = renderAnswer(JUDGMENT, { answerId: 'abc', share: true });
    const texts = mrkdwnTexts(blocks).join('\n');
    expect(texts).toContain(':large_orange_circle: *Requires improvement*');
    expect(texts).toContain('> requires improvement');
    expect(texts).toContain('How effective is the force at protecting from harm those who are vulnerable, and supporting victims? › Summary of findings · p. 18');
    expect(text).toBe(
      'Protecting vulnerable people: requires improvement.\n— How effective is the force at protecting from harm those who are vulnerable, and supporting victims? › Summary of findings, p. 18',
    );
    const actionIds = JSON.stringify(blocks).match(/peel_[a-z_]+/g);
    expect(actionIds).toEqual(expect.arrayContaining([ACTION.showSource, ACTION.share, ACTION.feedbackUp, ACTION.feedbackDown]));
    expect(JSON.stringify(blocks)).toContain('"value":"abc:0"');
  });

  it('draws a card of grades for several judgments', () => {
    const grades = ['requires improvement', 'requires improvement', 'good', 'requires improvement', 'good'] as const;
    const answer: Answer = {
      ...JUDGMENT,
      question: '',
      text: 'Five grades.',
      judgments: grades.map((grade, i) => ({ report: 'r', question: `q${i}`, title: `Question ${i}`, grade, page: i + 1 })),
    };
    const { blocks } = renderAnswer(answer);
    const fields = blocks.flatMap((b) => (b.type === 'section' && b.fields ? b.fields.map((f) => f.text) : []));
    expect(fields).toEqual([
      'Question 0', ':large_orange_circle: *Requires improvement*',
      'Question 1', ':large_orange_circle: *Requires improvement*',
      'Question 2', ':large_green_circle: *Good*',
      'Question 3', ':large_orange_circle: *Requires improvement*',
      'Question 4', ':large_green_circle: *Good*',
    ]);
  });

  it('puts a metric value and its comparator in the headline', () => {
    const answer: Answer = {
      question: 'crime rate',
      intent: 'metric',
      answered: true,
      text: 'Cleveland: 76.4 per 1,000 population; England and Wales: 61.0',
      citations: [{ report: 'r', section: 'S', page: 7, quote: '76.4' }],
      metric: {
        label: 'crimes per 1,000 population',
        name: 'crimes per 1,000 population',
        value: '76.4',
        number: 76.4,
        unit: 'per 1,000 population',
        period: '12 months to 31 March 2015',
        comparator: { area: 'England and Wales', value: '61.0', number: 61 },
        earlier: null,
      },
    };
    const texts = mrkdwnTexts(renderAnswer(answer).blocks).join('\n');
    expect(texts).toContain('*76.4* per 1,000 population — crimes per 1,000 population · _12 months to 31 March 2015_');
    expect(texts).toContain('England and Wales: *61.0* per 1,000 population');
  });

  it('quotes every area for improvement once, with its citation, instead of repeating the text', () => {
    const items = Array.from({ length: 7 }, (_, i) => `The force should improve thing ${i}.`);
    const answer: Answer = {
      question: '',
      intent: 'improvement',
      answered: true,
      text: items.join('\n'),
      citations: items.map((quote, i) => ({ report: 'r', section: 'Q › Areas for improvement', page: 10 + i, quote })),
      improvements: items.map((text, i) => ({ question: 'Q', text, page: 10 + i })),
    };
    const texts = mrkdwnTexts(renderAnswer(answer).blocks);
    expect(texts[0]).toBe('*7 areas for improvement*');
    for (const item of items) expect(texts.filter((t) => t.includes(item))).toEqual([`> ${item}`]);
    expect(texts).toContain('Q › Areas for improvement · p. 16');
  });

  it('offers More results only when there are more, and no buttons without an answer id', () => {
    const more = renderAnswer({ ...JUDGMENT, nextOffset: 3 }, { answerId: 'x' });
    expect(JSON.stringify(more.blocks)).toContain(ACTION.moreResults);
    expect(JSON.stringify(renderAnswer(JUDGMENT, { answerId: 'x' }).blocks)).not.toContain(ACTION.moreResults);
    expect(renderAnswer({ ...JUDGMENT, nextOffset: 3 }).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('cuts a long quote with … and points to Show source', () => {
    const long = 'The force has improved its approach to neighbourhood policing. '.repeat(100);
    const { blocks } = renderAnswer({ ...JUDGMENT, citations: [{ ...JUDGMENT.citations[0]!, quote: long }] }, { answerId: 'a' });
    const quote = blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('> '));
    expect(quote && quote.type === 'section' && quote.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(quote && quote.type === 'section' && quote.text!.text.endsWith('…')).toBe(true);
    expect(mrkdwnTexts(blocks).join('\n')).toContain('Show source');
  });

  it('stays within 50 blocks and 3,000 characters a section whatever the answer', () => {
    const citation = { report: 'r', section: 'A › B', page: 1, quote: 'x'.repeat(5000) };
    const answer: Answer = {
      ...JUDGMENT,
      text: 'y'.repeat(10_000),
      citations: Array.from({ length: 80 }, () => citation),
      suggestions: Array.from({ length: 40 }, (_, i) => `question ${i}`),
      nextOffset: 5,
    };
    const { blocks, text } = renderAnswer(answer, { answerId: 'a', share: true });
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const t of mrkdwnTexts(blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('never lets user text become a live mention or link', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (question, text, quote) => {
        const answer: Answer = {
          question: `<!channel> ${question} <@U123> <https://evil.example|click> <!here> <!subteam^S1>`,
          intent: 'passage',
          answered: true,
          text: `${text} <!everyone>`,
          citations: [{ report: 'r', section: `A › ${question}`, page: 2, quote }],
          suggestions: [question],
        };
        const { blocks, text: fallback } = renderAnswer(answer, { answerId: 'a' });
        for (const t of [...mrkdwnTexts(blocks), fallback]) expect(inert(t), t).toBe(true);
      }),
    );
  });
});

describe('renderNotice, renderSourceModal, renderHome', () => {
  it('escapes notices', () => {
    expect(renderNotice('<!channel> hi').text).toBe('&lt;!channel&gt; hi');
  });

  it('shows the paragraph with its neighbours, section and page', () => {
    const view = renderSourceModal({
      reportTitle: 'PEEL: Police effectiveness 2015 – Cleveland Police',
      citation: JUDGMENT.citations[0]!,
      source: { section: 'Sec › Sub', page: 18, before: 'Before <b>', text: 'The paragraph & more', after: 'After' },
    });
    expect(view.type).toBe('modal');
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    const texts = mrkdwnTexts(view.blocks);
    expect(texts).toEqual(['*PEEL: Police effectiveness 2015 – Cleveland Police*', 'Sec › Sub · p. 18', 'Before &lt;b&gt;', 'The paragraph &amp; more', 'After']);
  });

  it('falls back to the quote when the paragraph cannot be found', () => {
    const view = renderSourceModal({ reportTitle: 'T', citation: JUDGMENT.citations[0]!, source: null });
    expect(mrkdwnTexts(view.blocks)).toContain('requires improvement');
  });

  it('draws a report card and how to ask', () => {
    const view = renderHome({
      command: '/peel',
      reports: [
        {
          title: 'PEEL: Police effectiveness 2015 – Cleveland Police',
          force: 'Cleveland Police',
          inspectorate: 'HMIC',
          year: 2015,
          pillar: 'effectiveness',
          judgments: [
            { report: 'r', question: 'overall', title: 'Overall', grade: 'requires improvement', page: 3 },
            { report: 'r', question: 'q1', title: 'Preventing crime', grade: 'good', page: 5 },
          ],
        },
      ],
    });
    expect(view.type).toBe('home');
    const texts = mrkdwnTexts(view.blocks).join('\n');
    expect(texts).toContain('*Overall:* :large_orange_circle: *Requires improvement*');
    expect(texts).toContain(':large_green_circle: *Good*');
    expect(texts).toContain('`/peel judgment`');
  });
});
