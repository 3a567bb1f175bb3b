import { describe, expect, it } from 'vitest';
import { corpusToJson, formatOutline, runCorpusCli } from '../../src/cli/corpus.js';
import { seed } from './seed.js';

/** `npm run corpus -- --json` is a contract later issues and tools read: these keys must stay. */
describe('corpus --json contract', () => {
  const { report, facts } = seed();
  const json = corpusToJson(report, facts);

  it('has the report keys of the contract', () => {
    for (const key of ['id', 'title', 'force', 'inspectorate', 'pillar', 'year', 'inspectionPeriod', 'published', 'pages', 'sections', 'judgments', 'improvements', 'figures', 'metrics', 'footnotes', 'blocks']) {
      expect(json, key).toHaveProperty(key);
    }
    expect(json).toMatchObject({
      id: 'cleveland-effectiveness-2015',
      title: 'PEEL: Police effectiveness 2015 – An inspection of Cleveland Police',
      force: 'Cleveland Police',
      inspectorate: 'HMIC',
      pillar: 'effectiveness',
      year: 2015,
      inspectionPeriod: 'between September and November 2015',
      published: null,
      pages: 35,
    });
  });

  it('has the keys of each list entry', () => {
    const keys = (o: object) => Object.keys(o);
    for (const s of json.sections) expect(keys(s)).toEqual(expect.arrayContaining(['title', 'level', 'page']));
    for (const j of json.judgments) expect(keys(j)).toEqual(expect.arrayContaining(['question', 'title', 'grade', 'page', 'quote']));
    for (const i of json.improvements) expect(keys(i)).toEqual(expect.arrayContaining(['question', 'text', 'page']));
    for (const f of json.figures) expect(keys(f)).toEqual(expect.arrayContaining(['id', 'caption', 'page', 'source', 'columns', 'rows']));
    for (const m of json.metrics) expect(keys(m)).toEqual(expect.arrayContaining(['label', 'value', 'unit', 'comparator', 'period', 'page', 'quote']));
    for (const f of json.footnotes) expect(keys(f)).toEqual(['n', 'text', 'page']);
    expect(json.blocks).toHaveLength(report.blocks.length);
  });

  it('gives a figure its number as id, and metric values as written', () => {
    expect(json.figures.map((f) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const charged = json.metrics.find((m) => m.label.startsWith('Charged/Summonsed') && m.unit === 'count')!;
    expect(charged).toMatchObject({ value: '9,705', number: 9705, comparator: { area: 'England and Wales', value: '577,678', number: 577678 } });
    expect(json.figures[3]!.rows[0]).toEqual({
      label: 'Charged/Summonsed',
      group: null,
      page: 19,
      values: [
        { text: '9,705', number: 9705 },
        { text: '22.0', number: 22 },
        { text: '577,678', number: 577678 },
        { text: '16.0', number: 16 },
      ],
    });
    expect(json.judgments[0]).toMatchObject({ question: 'overall', grade: 'requires improvement', page: 1 });
  });

  it('survives a JSON round trip unchanged (plain data only)', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('prints exactly one JSON object on stdout, and a one-line error on stderr with exit 1 for a bad corpus', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCorpusCli(['--json'], { out: (s) => out.push(s), err: (s) => err.push(s), env: {} })).toBe(0);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join(''))).toEqual({ reports: [json] });

    const out2: string[] = [];
    const err2: string[] = [];
    expect(await runCorpusCli(['--corpus', '/no/such/corpus'], { out: (s) => out2.push(s), err: (s) => err2.push(s), env: {} })).toBe(1);
    expect(out2).toEqual([]);
    expect(err2).toEqual(['corpus: /no/such/corpus is not a folder\n']);
  });

  it('outlines a report: pages, the section tree with pages, counts and grades', () => {
    const outline = formatOutline(report, facts);
    expect(outline).toContain('35 pages');
    expect(outline).toContain('20 footnotes · 7 figures (19 table rows) · 5 judgments · 6 improvements');
    expect(outline).toMatch(/p20 +How well does the force investigate crime and keep victims safe and informed\?/);
    expect(outline).toMatch(/p34 +good +Tackling serious and organised crime/);
  });
});
