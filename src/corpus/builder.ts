/**
 * Sections and blocks: chunks of body lines, in reading order, become headings (opening sections
 * at their level), grades, bullets, paragraphs and figure tables, each placed in its section with
 * its page, line and footnotes. Two-column overview pages give only their whole sentences.
 */
import { GRADES, statesGrade } from './schema.js';
import type { Block, BlockKind, Figure, FigureColumn, FigureRow, Manifest, Section, SectionKind, Value } from './schema.js';
import type { Line } from './pages.js';
import { isRowLine, parseValue, QUESTION_START, ROW, type TableSpan } from './tables.js';
import { collapseSpaces, endsSentence, joinLines, splitSentences, type Lexicon } from './text.js';

/** Headings every PEEL report of this kind uses, with their kind and level. */
const TEMPLATE_HEADINGS: Record<string, { kind: SectionKind; level: 1 | 2 }> = {
  'force in numbers': { kind: 'numbers', level: 1 },
  introduction: { kind: 'introduction', level: 1 },
  'overall judgment': { kind: 'judgment', level: 2 },
  summary: { kind: 'summary', level: 2 },
  'summary of findings': { kind: 'summary', level: 2 },
  'areas for improvement': { kind: 'improvements', level: 2 },
  'our judgments': { kind: 'annex', level: 2 },
};

/** Where a heading stands: parent of the next heading, first child of the previous, alone in its chunk. */
interface HeadingPlace {
  isParent: boolean;
  afterParent: boolean;
  alone: boolean;
}

export class ReportBuilder {
  readonly sections: Section[] = [];
  readonly blocks: Block[] = [];
  readonly figures: Figure[] = [];
  private section: Section | null = null;
  /** the level-2 section whose heading was directly followed by a level-3 heading */
  private openGroup: Section | null = null;
  private pendingLabel = '';
  private tableHeader: string[] = [];
  private tableFigure: Figure | null = null;
  private tableStart = -1;
  private lastGroup: string | null = null;
  /** level-1 headings found in the text (the fallback section for text before any heading is not one) */
  topHeadings = 0;

  constructor(
    private readonly manifest: Manifest,
    private readonly lexicon: Lexicon,
    private readonly markers: Map<number, number[]>,
    /** line numbers that open a page */
    private readonly pageStarts: Set<number>,
  ) {}

  /** A chunk of lines between blanks: its headings first, then one kind of block (grade, caption, source and note, bullets or a paragraph). */
  addChunk(chunk: Line[]): void {
    const rest = this.takeHeadings(chunk);
    if (rest.length === 0) return;
    const first = collapseSpaces(rest[0]!.text);
    const joined = joinLines(rest.map((l) => l.text), this.lexicon);
    if ((GRADES as readonly string[]).includes(joined.toLowerCase())) return void this.addBlock('grade', rest);
    const caption = /^Figure (\d+):/.exec(first);
    if (caption) return this.addCaption(rest, Number(caption[1]));
    if (first.startsWith('Source:')) return this.addSource(rest);
    if (first.startsWith('•')) return this.addBullets(rest);
    this.addBlock('paragraph', rest);
  }

  /** Opens a section for each heading that begins the chunk (a heading directly followed by another is its parent); returns the lines after them. */
  private takeHeadings(chunk: Line[]): Line[] {
    let rest = chunk;
    let afterParent = false;
    for (;;) {
      const heading = this.takeHeading(rest);
      if (!heading) return rest;
      const headingFootnotes = rest.slice(0, heading.lines).flatMap((l) => this.markers.get(l.no) ?? []);
      rest = rest.slice(heading.lines);
      const isParent = rest.length > 0 && this.takeHeading(rest) !== null;
      const level = heading.level({ isParent, afterParent, alone: rest.length === 0 });
      this.openSection(heading.title, heading.kind, level, heading.page, headingFootnotes);
      if (level === 1) this.topHeadings++;
      afterParent = isParent;
      if (rest.length === 0) return rest;
    }
  }

  /** "Figure N: …" opens a figure, whose source, note and table rows follow. */
  private addCaption(lines: Line[], n: number): void {
    const block = this.addBlock('caption', lines, n);
    this.figures.push({ n, caption: block.text, source: null, note: null, page: block.page, section: block.section, footnotes: block.footnotes, columns: [], rows: [] });
  }

  /** "Source: …", with the starred note that may follow it, belongs to the latest figure. */
  private addSource(lines: Line[]): void {
    const noteAt = lines.findIndex((l) => l.text.trim().startsWith('*'));
    const figure = this.figures.at(-1);
    const source = this.addBlock('source', noteAt < 0 ? lines : lines.slice(0, noteAt), figure?.n);
    if (figure) figure.source = source.text.replace(/^Source:\s*/, '');
    if (noteAt >= 0) {
      const note = this.addBlock('note', lines.slice(noteAt), figure?.n);
      if (figure) figure.note = note.text;
    }
  }

  /** Bullets start with "•"; a chunk may hold several. */
  private addBullets(lines: Line[]): void {
    let item: Line[] = [];
    for (const l of lines) {
      if (l.text.trim().startsWith('•') && item.length) {
        this.addBlock('bullet', item);
        item = [];
      }
      item.push(l);
    }
    this.addBlock('bullet', item);
  }

  /** A table's rows belong to the latest figure whose caption came before and that has no table yet. */
  addTableChunk(chunk: Line[], span: TableSpan): void {
    if (span.tableStart !== this.tableStart) {
      this.tableStart = span.tableStart;
      this.tableFigure = [...this.figures].reverse().find((f) => f.rows.length === 0) ?? null;
      this.tableHeader = [];
      this.pendingLabel = '';
      this.lastGroup = null;
    }
    const figure = this.tableFigure;
    if (span.role === 'header') {
      this.tableHeader.push(...chunk.map((l) => collapseSpaces(l.text)));
      return;
    }
    if (span.role === 'legend' || !figure) return;
    for (const l of chunk) {
      const text = collapseSpaces(l.text);
      const m = ROW.exec(text);
      if (!m || !isRowLine(l.text)) {
        this.pendingLabel = this.pendingLabel ? `${this.pendingLabel} ${text}` : text;
        continue;
      }
      const label = (this.pendingLabel ? `${this.pendingLabel} ${m[1]}` : m[1]!).trim();
      this.pendingLabel = '';
      const values = m[2]!.split(/\s+/).map(parseValue);
      const indented = /^\s{2,}/.test(l.text);
      if (!indented) this.lastGroup = label;
      if (figure.columns.length === 0) figure.columns = this.columnsFor(values);
      const block = this.addBlock('row', [{ ...l, text: `${label} ${values.map((v) => v.text).join(' ')}` }], figure.n);
      const row: FigureRow = { label, group: indented ? this.lastGroup : null, values, page: block.page, block: block.id };
      figure.rows.push(row);
    }
  }

  /** Column names from the header lines: the areas compared, times the measures given for each. */
  private columnsFor(values: Value[]): FigureColumn[] {
    const header = this.tableHeader.join(' ');
    const [forceFirst, ...forceRest] = this.manifest.force.split(' ');
    const areaRe = new RegExp(`${escapeRe(forceFirst!)}(?: ${escapeRe(forceRest.join(' '))})?|England and Wales`, 'g');
    const areas = [...new Set([...header.matchAll(areaRe)].map((m) => (m[0].startsWith(forceFirst!) ? this.manifest.force : m[0])))];
    const measures = [...new Set([...header.matchAll(/Number of \w+|\bRate\b/g)].map((m) => m[0]))];
    if (areas.length && areas.length * Math.max(1, measures.length) === values.length) {
      return areas.flatMap((area): FigureColumn[] => (measures.length ? measures.map((measure) => ({ area, measure })) : [{ area, measure: null }]));
    }
    if (values.length === 1 && values[0]!.text.endsWith('%')) return [{ area: this.manifest.force, measure: null }];
    return values.map((_, i) => ({ area: `value ${i + 1}`, measure: null }));
  }

  private takeHeading(chunk: Line[]):
    | { title: string; kind: SectionKind; lines: number; page: number; level: (at: HeadingPlace) => 1 | 2 | 3 }
    | null {
    const first = collapseSpaces(chunk[0]!.text);
    const page = chunk[0]!.page;
    const template = TEMPLATE_HEADINGS[first.toLowerCase()];
    if (template) return { title: first, kind: template.kind, lines: 1, page, level: () => template.level };
    if (/^Annex [A-Z]\b/.test(first)) return { title: first, kind: 'annex', lines: 1, page, level: () => 1 };
    const isOverview = /^Overview\b/.test(first);
    if (!isOverview && !QUESTION_START.test(first)) return null;
    // a question heading ends with "?" within four lines
    const end = chunk.slice(0, 4).findIndex((l) => l.text.trimEnd().endsWith('?'));
    if (end < 0) return isOverview ? { title: first, kind: 'overview', lines: 1, page, level: () => 1 } : null;
    const title = joinLines(chunk.slice(0, end + 1).map((l) => l.text), this.lexicon);
    const startsPage = this.pageStarts.has(chunk[0]!.no);
    if (isOverview) return { title, kind: 'overview', lines: end + 1, page, level: () => 1 };
    return {
      title,
      kind: 'question',
      lines: end + 1,
      page,
      level: ({ isParent, afterParent, alone }) => {
        // A main question opens a page and stands alone above its introduction.
        if (startsPage && alone) return 1;
        if (isParent) return 2;
        // the first child of a parent heading, then its siblings until the next level-2 heading
        return afterParent || this.openGroup ? 3 : 2;
      },
    };
  }

  private openSection(title: string, kind: SectionKind, level: 1 | 2 | 3, page: number, footnotes: number[] = []): void {
    const parent = level === 1 ? null : ([...this.sections].reverse().find((s) => s.level === level - 1) ?? null);
    const effectiveKind: SectionKind = kind === 'question' && level > 1 ? 'subquestion' : kind;
    const short = level === 1 && kind === 'question' ? shortQuestion(title) : level === 1 && kind === 'overview' ? 'Overview' : title;
    const slug = slugify(short);
    const base = parent ? `${parent.id}/${slug}` : slug;
    let id = base;
    for (let k = 2; this.sections.some((s) => s.id === id); k++) id = `${base}-${k}`;
    const question = level === 1 ? (effectiveKind === 'question' ? id : null) : (parent?.question ?? null);
    const section: Section = {
      id,
      title,
      short,
      level,
      kind: effectiveKind,
      page,
      parent: parent?.id ?? null,
      question,
      path: [...(parent?.path ?? []), short],
      footnotes,
    };
    this.sections.push(section);
    if (level === 1 || level === 2) this.openGroup = null;
    if (level === 3 && parent && !this.openGroup) this.openGroup = parent;
    this.section = section;
  }

  /**
   * The overview's two-column pages: each run of lines holds part of one column, cut wherever the
   * extraction jumped to the other. Most of what they say stands again, whole, under each question;
   * the whole sentences that do not ("the force does not respond to all non-urgent incidents within
   * the required timescale") are kept as paragraphs of the overview's summary, in reading order. A
   * sentence that does stand again but states a grade ("… is generally good") is kept as a statement:
   * the overview is where the grades stand together, and a grade is cited there too; it is never
   * searched, as its words are found where it stands again. A sentence cut at either end of a run is
   * left out (its parts are not contiguous text). These blocks have ids of their own (paragraphs "c1" …,
   * statements "s1" …), so the other blocks keep theirs.
   */
  addColumnSentences(chunks: Line[][]): void {
    const summary = this.sections.find((s) => s.kind === 'summary' && this.sections.find((p) => p.id === s.parent)?.kind === 'overview');
    if (!summary) return;
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    const elsewhere = this.blocks.map((b) => flat(b.text));
    const column: Block[] = [];
    for (const chunk of chunks) {
      const text = joinLines(chunk.map((l) => l.text), this.lexicon);
      const sentences = splitSentences(text);
      // a run that starts in lower case continues a sentence begun elsewhere; one that does not end a sentence stops mid-way
      if (sentences.length && /^\p{Ll}/u.test(sentences[0]!)) sentences.shift();
      if (sentences.length && !endsSentence(sentences.at(-1)!)) sentences.pop();
      const kinds = sentences.map((s) => columnSentenceKind(s, elsewhere.some((b) => b.includes(flat(s)))));
      // each run of sentences kept as the same kind is one block, so its text stands whole in the run of lines
      for (let i = 0; i < sentences.length; i++) {
        const kind = kinds[i];
        if (!kind) continue;
        let j = i;
        while (j + 1 < sentences.length && kinds[j + 1] === kind) j++;
        const from = text.indexOf(sentences[i]!);
        const to = text.indexOf(sentences[j]!, from) + sentences[j]!.length;
        // (statements are numbered apart, "s1" …, so the paragraphs keep the ids stored answers cite)
        const id = kind === 'statement' ? `s${column.filter((b) => b.kind === 'statement').length + 1}` : `c${column.filter((b) => b.kind !== 'statement').length + 1}`;
        column.push({ id, kind, text: text.slice(from, to), page: chunk[0]!.page, line: chunk[0]!.no, section: summary.id, footnotes: [] });
        i = j;
      }
    }
    // in reading order: after the blocks of the pages before them
    const at = this.blocks.findIndex((b) => b.page > (column.at(-1)?.page ?? Infinity));
    this.blocks.splice(at < 0 ? this.blocks.length : at, 0, ...column);
  }

  private addBlock(kind: BlockKind, lines: Line[], figure?: number): Block {
    const text = joinLines(
      lines.map((l) => l.text),
      this.lexicon,
    );
    const footnotes = lines.flatMap((l) => this.markers.get(l.no) ?? []);
    const previous = this.blocks.at(-1);
    // A paragraph or bullet that did not end its sentence continues in a chunk that starts in
    // lower case (a bullet split by a blank line, a paragraph across a page and its footnotes).
    if (
      (kind === 'paragraph' || kind === 'bullet') &&
      previous &&
      (previous.kind === 'paragraph' || previous.kind === 'bullet') &&
      previous.section === this.section?.id &&
      !endsSentence(previous.text) &&
      /^\p{Ll}/u.test(text)
    ) {
      // (a chunk never crosses a page, linesBetweenBlanks ends one there: a page break stands where a continuation begins)
      const lastPage = previous.pageBreaks?.at(-1)?.page ?? previous.page;
      const joined = joinLines([previous.text, text], this.lexicon);
      if (lines[0]!.page !== lastPage) previous.pageBreaks = [...(previous.pageBreaks ?? []), { at: joined.length - text.length, page: lines[0]!.page }];
      previous.text = joined;
      previous.footnotes.push(...footnotes);
      return previous;
    }
    if (!this.section) this.openSection(this.manifest.title, 'overview', 1, lines[0]!.page);
    const block: Block = {
      id: `b${this.blocks.length + 1}`,
      kind,
      text: kind === 'bullet' ? text.replace(/^•\s*/, '') : text,
      page: lines[0]!.page,
      line: lines[0]!.no,
      section: this.section!.id,
      footnotes,
      ...(figure !== undefined ? { figure } : {}),
    };
    this.blocks.push(block);
    return block;
  }

}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "How effective is the force at investigating crime and managing offenders?" → "Investigating crime and managing offenders". */
function shortQuestion(title: string): string {
  const s = title.replace(/^How (?:effective|well) (?:is|does) the force (?:at )?/i, '').replace(/\?$/, '').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

/**
 * What a whole sentence of a two-column page is kept as: a paragraph when no other page says it, a statement
 * when one does but it states a grade, or nothing (a question standing alone is a column's heading, not a finding).
 */
function columnSentenceKind(sentence: string, standsElsewhere: boolean): 'paragraph' | 'statement' | null {
  if (!/^[\p{Lu}‘'“"(]/u.test(sentence) || sentence.split(/\s+/).length < 4 || sentence.endsWith('?')) return null;
  if (!standsElsewhere) return 'paragraph';
  return statesGrade(sentence) ? 'statement' : null;
}
