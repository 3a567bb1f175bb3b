import { describe, expect, it } from 'vitest';
import { channelOrder, chooseItem, digestItems } from '../../src/digest/compose.js';
import { LIMITS } from '../../src/render/blocks.js';
import { renderDigest } from '../../src/render/digest.js';
import { realKnowledge } from '../slack/harness.js';

const items = digestItems(realKnowledge(), '/peel');
const reportText = (() => {
  const { report } = [...realKnowledge().byId.values()][0]!;
  return report.blocks.map((b) => b.text).join(' ').replace(/\s+/g, ' ');
})();

describe('digest items', () => {
  it('are the 5 judgments, 6 areas for improvement and the headline metrics, each quoting the report with a page', () => {
    const kinds = items.reduce<Record<string, number>>((n, i) => ({ ...n, [i.kind]: (n[i.kind] ?? 0) + 1 }), {});
    expect(kinds.judgment).toBe(5);
    expect(kinds.improvement).toBe(6);
    expect(kinds.metric).toBeGreaterThanOrEqual(15);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    for (const item of items) {
      expect(item.citation.page, item.key).toBeGreaterThan(0);
      expect(item.citation.section, item.key).not.toBe('');
      expect(item.quote.length, item.key).toBeGreaterThan(0);
    }
  });

  it('metrics of the day carry the England and Wales comparator where the report gives one', () => {
    const asb = items.find((i) => i.key.endsWith('fig2:anti-social-behaviour-incidents'))!;
    expect(asb).toMatchObject({ kind: 'metric', value: '76.4', comparator: { area: 'England and Wales', value: '32.9' }, period: '12 months to 30 June 2015' });
    expect(asb.citation.page).toBe(11);
  });

  it('quotes judgments and areas for improvement verbatim from the report', () => {
    for (const item of items.filter((i) => i.kind !== 'metric')) {
      expect(reportText.includes(item.quote.replace(/\s+/g, ' ')), item.key).toBe(true);
    }
  });
});

describe('rotation', () => {
  it('is deterministic per channel and differs between channels', () => {
    const a = channelOrder(items, 'C1').map((i) => i.key);
    expect(channelOrder([...items].reverse(), 'C1').map((i) => i.key)).toEqual(a);
    expect(channelOrder(items, 'C2').map((i) => i.key)).not.toEqual(a);
    expect(new Set(a).size).toBe(items.length);
  });

  it('mixes kinds: the first week is not all numbers', () => {
    const week = channelOrder(items, 'C1').slice(0, 7).map((i) => i.kind);
    expect(new Set(week).size).toBe(3);
  });

  it('brings in items of a new report before repeating', () => {
    const shown: string[] = [];
    const fewer = items.slice(0, 10);
    for (let i = 0; i < 5; i++) shown.unshift(chooseItem(fewer, 'C1', shown)!.key);
    const next = chooseItem(items, 'C1', shown)!;
    expect(shown).not.toContain(next.key);
  });
});

describe('renderDigest', () => {
  it('keeps every item within Block Kit limits, with header, quote, section and page, and how to ask more', () => {
    for (const item of items) {
      const r = renderDigest({ item, dateLabel: 'Tuesday 12 May 2026' });
      expect(r.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      const header = r.blocks[0] as { type: string; text: { text: string } };
      expect(header.type).toBe('header');
      expect(header.text.text.length).toBeLessThanOrEqual(LIMITS.header);
      for (const b of r.blocks) {
        if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        if (b.type === 'context') for (const e of b.elements) expect((e as { text: string }).text.length).toBeLessThanOrEqual(LIMITS.fieldText);
      }
      const all = JSON.stringify(r.blocks);
      expect(all).toContain(`· p. ${item.citation.page}`);
      expect(all).toContain('Ask more: `/peel ');
      expect(r.text).toContain(`p. ${item.citation.page}`);
      expect(r.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    }
  });

  it('escapes what came from the report', () => {
    const item = { ...items[0]!, quote: 'a <!channel> & b', reportTitle: '<@U1>' };
    const all = JSON.stringify(renderDigest({ item, dateLabel: 'x' }).blocks);
    expect(all).toContain('a &lt;!channel&gt; &amp; b');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U1>');
  });
});
