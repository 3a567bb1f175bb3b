import { describe, expect, it } from 'vitest';
import { type Block, columnLabel } from '../../src/corpus/schema.js';
import { MARKERS } from './markers.js';
import { SEED_LINES, blockStarting, seed } from './seed.js';

const { report } = seed();

describe('pages', () => {
  it('has the 35 pages of the seed, each opened by a line with one leading space', () => {
    expect(report.pages).toHaveLength(35);
    for (const p of report.pages) expect(SEED_LINES[p.firstLine - 1]).toMatch(/^ \S/);
    expect(report.pages.map((p) => p.firstLine).slice(0, 9)).toEqual([1, 46, 54, 143, 229, 258, 259, 308, 342]);
    // the file ends "expected. \n " — a last, unterminated line holding one space, still page 35's
    expect(report.pages.at(-1)).toMatchObject({ n: 35, firstLine: 1291, lastLine: 1316 });
  });

  it('marks the three two-column overview pages (3-5) and keeps only the whole sentences no later page repeats, and those stating a grade', () => {
    expect(report.pages.filter((p) => p.layout === 'columns').map((p) => p.n)).toEqual([3, 4, 5]);
    // most of their interleaved columns stand again under each question; four runs of whole sentences do not,
    // and four that do state a grade where the overview shows the grades together: kept as statements (p3's "… is generally good")
    const column = report.blocks.filter((b) => b.page >= 3 && b.page <= 5);
    expect(column.map((b) => [b.id, b.page, b.kind, b.section])).toEqual([
      // (statements numbered apart: the paragraphs keep the ids they had before statements were kept)
      ['s1', 3, 'statement', 'overview/summary'],
      ['s2', 3, 'statement', 'overview/summary'],
      ['c1', 4, 'paragraph', 'overview/summary'],
      ['c2', 4, 'paragraph', 'overview/summary'],
      ['c3', 4, 'paragraph', 'overview/summary'],
      ['s3', 4, 'statement', 'overview/summary'],
      ['s4', 4, 'statement', 'overview/summary'],
      ['c4', 5, 'paragraph', 'overview/summary'],
    ]);
    expect(column[0]!.text).toBe('Cleveland Police’s approach to investigating crime and managing offenders is generally good.');
    expect(column[4]!.text).toBe(
      'The force has invested in providing skilled, specialist teams to safeguard and protect victims, but the force does not respond to all non-urgent incidents within the required timescale. This means that some vulnerable victims may not be getting the speed of response they need to keep them safe.',
    );
    // a sentence cut where the extraction jumped columns is never kept: each block's text is whole sentences
    for (const b of column) expect(b.text).toMatch(/^[A-Z].*[.!]$/);
  });

  it('keeps every block on a page that exists, in reading order', () => {
    const lines = report.blocks.map((b) => b.line);
    for (const b of report.blocks) expect(b.page).toBeGreaterThanOrEqual(1);
    for (const b of report.blocks) expect(b.page).toBeLessThanOrEqual(35);
    // table rows are read after their page's footnotes, so order is by page, then line within prose
    const pages = report.blocks.map((b) => b.page);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('section tree', () => {
  // [level, title, page], as the report nests them; checked against report.txt by hand
  const TREE: [number, string, number][] = [
    [1, 'Overview – How effective is the force at keeping people safe and reducing crime?', 1],
    [2, 'Overall judgment', 1],
    [2, 'Summary', 1],
    [1, 'Force in numbers', 6],
    [1, 'Introduction', 7],
    [1, 'How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?', 9],
    [2, 'How much crime and anti-social behaviour is there in Cleveland?', 9],
    [2, 'How well does the force work to prevent crime and anti-social behaviour, and keep people safe?', 12],
    [3, 'How well is the force prioritising the prevention of crime and anti-social behaviour?', 12],
    [3, 'How well are resources allocated to prevent crime and anti-social behaviour?', 13],
    [3, 'How well is the force using a broad range of effective tactics to prevent crime and anti-social behaviour?', 14],
    [2, 'How well does the force work with partners to prevent crime and anti-social behaviour, and keep people safe?', 14],
    [3, 'How committed is the force to working with partner organisations?', 14],
    [3, 'How well does the force share and use information with partners to prevent crime and anti-social behaviour?', 15],
    [3, 'How well is the force working with partner organisations to keep people safe and tackle anti-social behaviour in local neighbourhoods?', 16],
    [2, 'Summary of findings', 16],
    [2, 'Areas for improvement', 17],
    [1, 'How effective is the force at investigating crime and managing offenders?', 18],
    [2, 'How well does the force bring offenders to justice?', 18],
    [2, 'How well does the force investigate crime and keep victims safe and informed?', 20],
    [3, 'How well does the force initially investigate and allocate cases?', 20],
    [3, 'How well does the force investigate different types of crime?', 21],
    [3, 'How well does the force gather digital evidence?', 21],
    [3, 'How satisfied are victims of crime with the service provided by the force?', 22],
    [2, 'How well does the force identify and manage offenders to prevent re-offending?', 23],
    [3, 'How well does the force divert offenders away from crime?', 23],
    [3, 'How well does the force deal with repeat offenders?', 23],
    [3, 'How well does the force deal with sexual and other dangerous offenders?', 24],
    [2, 'Summary of findings', 25],
    [2, 'Areas for improvement', 25],
    [1, 'How effective is the force at protecting from harm those who are vulnerable and supporting victims?', 26],
    [2, 'Summary of findings', 26],
    [1, 'How effective is the force at tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities?', 28],
    [2, 'How well does the force understand the threat and risk posed by serious and organised crime?', 31],
    [2, 'How effectively does the force respond to serious and organised crime?', 31],
    [2, 'How effectively is the force working with partners to prevent serious and organised crime?', 33],
    [2, 'How effective are the arrangements in place to ensure that the force can fulfil its national policing responsibilities?', 33],
    [2, 'Summary of findings', 34],
    [2, 'Areas for improvement', 34],
    [1, 'Annex A – HMIC judgments', 35],
    [2, 'Our judgments', 35],
  ];

  it('is the report’s tree: titles (wrapped headings joined), levels and pages', () => {
    expect(report.sections.map((s) => [s.level, s.title, s.page])).toEqual(TREE);
  });

  it('has the four main questions at level 1 on pages 9, 18, 26 and 28', () => {
    const main = report.sections.filter((s) => s.kind === 'question');
    expect(main.map((s) => [s.level, s.page])).toEqual([
      [1, 9],
      [1, 18],
      [1, 26],
      [1, 28],
    ]);
    expect(main.map((s) => s.short)).toEqual([
      'Preventing crime and anti-social behaviour, and keeping people safe',
      'Investigating crime and managing offenders',
      'Protecting from harm those who are vulnerable and supporting victims',
      'Tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities',
    ]);
  });

  it('nests a sub-question under the heading that directly precedes it', () => {
    const initially = report.sections.find((s) => s.title === 'How well does the force initially investigate and allocate cases?')!;
    const parent = report.sections.find((s) => s.id === initially.parent)!;
    expect(parent.title).toBe('How well does the force investigate crime and keep victims safe and informed?');
    expect(parent.level).toBe(2);
    expect(initially.path).toEqual([
      'Investigating crime and managing offenders',
      'How well does the force investigate crime and keep victims safe and informed?',
      'How well does the force initially investigate and allocate cases?',
    ]);
  });

  it('gives each main question its "Summary of findings" (and "Areas for improvement" where the report has one)', () => {
    const main = report.sections.filter((s) => s.kind === 'question');
    const under = (kind: string) => main.map((q) => report.sections.filter((s) => s.kind === kind && s.question === q.id).length);
    expect(under('summary')).toEqual([1, 1, 1, 1]);
    // the vulnerability question was inspected separately; its summary lists no areas for improvement
    expect(under('improvements')).toEqual([1, 1, 0, 1]);
  });

  it('puts every block under a section that exists', () => {
    const ids = new Set(report.sections.map((s) => s.id));
    for (const b of report.blocks) expect(ids.has(b.section), b.id).toBe(true);
  });
});

describe('footnotes', () => {
  it('has all 20, numbered 1..20, each on its page', () => {
    expect(report.footnotes.map((f) => [f.n, f.page])).toEqual([
      [1, 1],
      [2, 8],
      [3, 16],
      [4, 19],
      [5, 19],
      [6, 19],
      [7, 19],
      [8, 21],
      [9, 23],
      [10, 24],
      [11, 26],
      [12, 29],
      [13, 29],
      [14, 29],
      [15, 30],
      [16, 30],
      [17, 31],
      [18, 32],
      [19, 32],
      [20, 33],
    ]);
  });

  it('keeps each footnote’s whole text, wrapped lines joined', () => {
    const text = (n: number) => report.footnotes[n - 1]!.text;
    expect(text(1)).toBe('Outstanding, good, requires improvement or inadequate – see Annex A for definitions.');
    // "3 was inspected …" starts a line of footnote 2: it continues it, it does not open footnote 3
    expect(text(2)).toContain('Question 3 was inspected between June and August 2015');
    expect(text(2)).toMatch(/crime-inspection-force-reports\/\)\.$/);
    expect(text(3)).toBe(
      'Anti–social Behaviour, Crime and Policing Act 2014. Available from: www.gov.uk/government/collections/anti-social-behaviour-crime-and-police-bill',
    );
    expect(text(4)).toBe(
      'Rate based on number of outcomes recorded in year to 30 June 2015 divided by number of offences recorded in year to 30 June 2015.',
    );
    expect(text(15)).toBe('Figures may not sum to 100 percent, due to rounding.');
    // footnote 16 goes on below its web address
    expect(text(16)).toContain('The Home Secretary issues the SPR annually');
    expect(text(16)).toMatch(/threats are tackled effectively\.$/);
    expect(text(20)).toBe(
      'Serious and Organised Crime Strategy, HM Government, October 2013, Cmnd 8715. Available from: www.gov.uk/government/uploads/system/uploads/attachment_data/file/248645/Serious_and_Organised_Crime_Strategy.pdf',
    );
  });

  it('leaves no footnote text inside any block', () => {
    const texts = report.blocks.map((b) => b.text);
    for (const f of report.footnotes) {
      // any 40-character stretch of a footnote would do; take its start and its end
      for (const piece of [f.text.slice(0, 40), f.text.slice(-40)]) {
        expect(texts.filter((t) => t.includes(piece)), `footnote ${f.n}: "${piece}"`).toEqual([]);
      }
    }
    expect(texts.filter((t) => t.includes('The Home Secretary issues the SPR annually'))).toEqual([]);
    expect(texts.filter((t) => t.includes('Available from:'))).toEqual([]);
  });

  it('leaves no marker glued to a word, a bracket or a year', () => {
    const texts = [...report.blocks.map((b) => b.text), ...report.sections.map((s) => s.title), ...report.figures.map((f) => f.caption)];
    for (const m of MARKERS) expect(texts.filter((t) => t.includes(m.marked)), m.marked).toEqual([]);
    // a digit straight after a letter or a closing bracket, or after a year's full stop/comma
    const glued = /[\p{L})][.,:]?\d|\b(?:19|20)\d\d[.,]?\d/u;
    expect(texts.filter((t) => glued.test(t))).toEqual([]);
  });

  it('removes each marker cleanly and links the footnote from the block (or heading) that held it', () => {
    const expected = new Map<number, string>();
    for (const m of MARKERS) {
      expect(SEED_LINES[m.line - 1], `fixture line ${m.line}`).toContain(m.marked);
      // the holder: the last block starting at or before the marker's line (row blocks come later)
      const holder = report.blocks.filter((b) => b.kind !== 'row' && b.line <= m.line).at(-1);
      const heading = report.sections.find((s) => s.footnotes.length && SEED_LINES[m.line - 1]!.includes(s.title));
      const id = m.line === 4 ? `section:${heading?.id}` : holder!.id;
      if (m.line !== 4) expect(holder!.text).toContain(m.clean);
      for (const n of m.footnotes) expected.set(n, id);
    }
    expect([...expected.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const linked = new Map<number, string>();
    for (const b of report.blocks) for (const n of b.footnotes) linked.set(n, b.id);
    for (const s of report.sections) for (const n of s.footnotes) linked.set(n, `section:${s.id}`);
    expect(new Map([...linked].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...expected].sort((a, b) => a[0] - b[0])));
  });

  it('links the heading marker "Overall judgment1" from the Overall judgment section', () => {
    const overall = report.sections.find((s) => s.kind === 'judgment')!;
    expect(overall.title).toBe('Overall judgment');
    expect(overall.footnotes).toEqual([1]);
  });

  it('ends the marked sentences where the report ends them', () => {
    const holding = (n: number): Block => report.blocks.find((b) => b.footnotes.includes(n))!;
    expect(holding(3).text).toMatch(/under the Anti-Social Behaviour, Crime and Policing Act 2014\.$/);
    expect(holding(4).text).toBe('Figure 4: Outcomes recorded in the 12 months to 30 June 2015 for all recorded crime (excluding fraud)');
    expect(holding(7).text).toContain("the level of 'cannabis/khat warning' outcomes");
    expect(holding(12).text).toBe('Figure 6: Organised crime groups per one million population, by force, as at 30 June 2015');
    expect(holding(14).text).toContain('recorded by all forces in England and Wales, with 64 percent of all OCGs');
    expect(holding(15).text).toBe('Figure 7: Force organised crime groups by the predominant crime type, as at 30 June 2015');
    expect(holding(16).text).toContain('The Strategic Policing Requirement (SPR). These are terrorism');
    expect(holding(11).text).toBe(
      'This question was inspected between June and August 2015, and the full report was published in December 2015. The following is a summary of the findings.',
    );
  });
});

describe('blocks', () => {
  it('types paragraphs, bullets, grades, captions, sources, notes and rows', () => {
    const count = (kind: string) => report.blocks.filter((b) => b.kind === kind).length;
    expect(count('grade')).toBe(5);
    expect(count('caption')).toBe(7);
    expect(count('source')).toBe(7);
    expect(count('note')).toBe(1);
    expect(count('row')).toBe(19);
    expect(count('bullet')).toBe(23);
  });

  it('reads a bullet list as items, the bullet sign dropped, an item split by a blank line joined', () => {
    const intro = report.blocks.filter((b) => b.kind === 'bullet' && b.section === 'introduction');
    expect(intro.map((b) => b.text.slice(0, 20))).toEqual([
      'Prevent crime and an',
      'Use appropriately tr',
      'Support victims of c',
      'Ensure that vulnerab',
      'Understand and be pr',
      'Work effectively wit',
    ]);
    // lines 616-618: "• … anti-social" / blank / "behaviour is a routine part …"
    expect(blockStarting(report, 'The force should ensure that the prevention').text).toBe(
      'The force should ensure that the prevention of crime and anti-social behaviour is a routine part of neighbourhood policing activity.',
    );
  });

  it('keeps curly quotes and en dashes as the report writes them', () => {
    expect(blockStarting(report, 'In HMIC’s crime inspection in 2014, we recommended that the force ensured').text).toContain(
      'a co-ordinated approach based on ‘what works’ or evaluation.',
    );
    expect(report.sections[0]!.title).toContain('Overview – How effective');
  });
});

describe('figures', () => {
  it('has the seven captions, pages and sources', () => {
    expect(report.figures.map((f) => [f.n, f.page, f.source])).toEqual([
      [1, 10, 'Home Office data'],
      [2, 10, 'Home Office data, HMIC data return'],
      [3, 12, 'HMIC data collection'],
      [4, 19, 'Home Office crime outcomes data'],
      [5, 22, 'Home Office data provided by forces'],
      [6, 29, 'HMIC data collection'],
      [7, 30, 'HMIC data collection'],
    ]);
    // charts left only their caption and source
    expect(report.figures.filter((f) => f.rows.length === 0).map((f) => f.n)).toEqual([1, 3, 5, 6]);
  });

  it('reads Figure 2’s six rates for Cleveland and England and Wales, as written and as numbers', () => {
    const fig = report.figures[1]!;
    expect(fig.columns.map(columnLabel)).toEqual(['Cleveland Police', 'England and Wales']);
    expect(fig.note).toBe(
      '*Anti-social behaviour data is from the force’s data return and the rate for burglary in a dwelling is the rate per 1,000 households, not population.',
    );
    expect(fig.rows.map((r) => [r.label, ...r.values.map((v) => v.text)])).toEqual([
      ['Recorded crime (excluding fraud)', '78.7', '63.0'],
      ['Victim-based crime', '70.9', '56.0'],
      ['Sexual offences', '1.8', '1.6'],
      ['Assault with injury', '7.6', '6.3'],
      ['Burglary in a dwelling*', '10.3', '8.4'],
      ['Anti-social behaviour incidents*', '76.4', '32.9'],
    ]);
    expect(fig.rows.map((r) => r.values.map((v) => v.number))).toEqual([
      [78.7, 63],
      [70.9, 56],
      [1.8, 1.6],
      [7.6, 6.3],
      [10.3, 8.4],
      [76.4, 32.9],
    ]);
    // the table text stands on page 11, the chart's own page, after the caption on page 10
    expect(new Set(fig.rows.map((r) => r.page))).toEqual(new Set([11]));
  });

  it('reads Figure 4’s outcomes: number and rate for Cleveland and England and Wales, sub-rows under their group', () => {
    const fig = report.figures[3]!;
    expect(fig.columns).toEqual([
      { area: 'Cleveland Police', measure: 'Number of outcomes' },
      { area: 'Cleveland Police', measure: 'Rate' },
      { area: 'England and Wales', measure: 'Number of outcomes' },
      { area: 'England and Wales', measure: 'Rate' },
    ]);
    expect(fig.footnotes).toEqual([4, 5, 6]);
    expect(fig.rows.map((r) => [r.label, r.group, ...r.values.map((v) => v.text)])).toEqual([
      ['Charged/Summonsed', null, '9,705', '22.0', '577,678', '16.0'],
      ['Taken into consideration', null, '345', '0.8', '21,318', '0.6'],
      ['Out-of-court (formal)', null, '1,695', '3.8', '165,384', '4.6'],
      ['Caution - youths', 'Out-of-court (formal)', '192', '0.4', '19,703', '0.5'],
      ['Caution - adults', 'Out-of-court (formal)', '1,172', '2.7', '115,000', '3.2'],
      ['Penalty Notices for Disorder', 'Out-of-court (formal)', '331', '0.8', '30,681', '0.8'],
      ['Out-of-court (informal)', null, '1,445', '3.3', '159,915', '4.4'],
      ['Cannabis/Khat warning', 'Out-of-court (informal)', '241', '0.5', '41,964', '1.2'],
      ['Community resolution', 'Out-of-court (informal)', '1,204', '2.7', '117,951', '3.3'],
    ]);
    expect(fig.rows[0]!.values.map((v) => v.number)).toEqual([9705, 22, 577678, 16]);
    expect(fig.rows[4]!.values.map((v) => v.number)).toEqual([1172, 2.7, 115000, 3.2]);
    expect(new Set(fig.rows.map((r) => r.page))).toEqual(new Set([19]));
  });

  it('reads Figure 7’s four shares, a label wrapped over a blank line joined', () => {
    const fig = report.figures[6]!;
    expect(fig.columns).toEqual([{ area: 'Cleveland Police', measure: null }]);
    expect(fig.rows.map((r) => [r.label, r.values[0]!.text, r.values[0]!.number])).toEqual([
      ['Drug activity', '85%', 85],
      ['Sexual offences', '6%', 6],
      ['Organised theft', '6%', 6],
      ['Violent criminal activity', '3%', 3],
    ]);
  });

  it('attaches the table’s header and legend lines to no block', () => {
    const texts = report.blocks.map((b) => b.text);
    for (const legend of ['Rates per 1,000 population', 'Outcome type/group', 'Number of outcomes Rate', 'Drug activity Sexual offences']) {
      expect(texts.filter((t) => t.startsWith(legend)), legend).toEqual([]);
    }
  });
});
