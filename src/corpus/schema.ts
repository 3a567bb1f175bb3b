import { z } from 'zod';

/** The four grades of Annex A, as the report writes them (lower case). */
export const GRADES = ['outstanding', 'good', 'requires improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

/** A grade as a person reads it at the start of a line: "requires improvement" → "Requires improvement". */
export function gradeLabel(grade: string): string {
  return grade.charAt(0).toUpperCase() + grade.slice(1);
}

/**
 * A sentence stating a grade (any of them, or the one given): "… requires improvement", "is generally good", "good
 * at …", or doing the thing asked well ("works very well to tackle …"); "good" only so, not as "a good understanding"
 * or "a good start".
 */
export function statesGrade(sentence: string, grade?: Grade): boolean {
  return (grade ? [grade] : GRADES).some((g) => GRADE_STATED[g].test(sentence));
}

const GRADE_STATED: Record<Grade, RegExp> = {
  outstanding: /\boutstanding\b/i,
  good: /\b(?:is|are|was|were) (?:generally )?good\b|\bgood at\b|\b(?:works?|does|do|performs?) (?:very |particularly )?well\b/i,
  'requires improvement': /\brequires? improvement\b/i,
  inadequate: /\binadequate\b/i,
};

/** corpus/<id>/report.json: what the text itself cannot be trusted to say about the report. */
export const ManifestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    title: z.string().min(1),
    force: z.string().min(1),
    inspectorate: z.string().min(1),
    pillar: z.enum(['effectiveness', 'efficiency', 'legitimacy', 'leadership']),
    year: z.number().int().min(2014).max(2100),
    /** the inspection period as the text states it, e.g. "between September and November 2015" */
    inspectionPeriod: z.string().min(1),
    /** publication as the text states it; null when the text does not say */
    published: z.string().min(1).nullable(),
    /** the printed page number of the first text page, when the PDF numbers pages differently */
    firstPrintedPage: z.number().int().positive().optional(),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

export type SectionKind =
  | 'overview'
  | 'numbers'
  | 'introduction'
  | 'question'
  | 'subquestion'
  | 'judgment'
  | 'summary'
  | 'improvements'
  | 'annex';

/** A heading and what stands under it; `path` is the titles from the top, this one last. */
export interface Section {
  id: string;
  title: string;
  /** the title people read in a citation: main questions lose "How effective is the force at" */
  short: string;
  level: 1 | 2 | 3;
  kind: SectionKind;
  page: number;
  parent: string | null;
  /** the main question (level-1 section of kind "question") this section belongs to, if any */
  question: string | null;
  path: string[];
  /** footnotes marked on the heading itself ("Overall judgment1") */
  footnotes: number[];
}

/** ("statement": a sentence of the overview's page of grades stating one, which stands again under its question) */
export type BlockKind = 'paragraph' | 'bullet' | 'grade' | 'statement' | 'caption' | 'source' | 'note' | 'row';

/** Where a later page begins inside a text: the offset of its first character, and that page. */
export interface PageBreak {
  at: number;
  page: number;
}

/** A unit of text: lines joined, split words mended, footnote markers removed (and listed). */
export interface Block {
  id: string;
  kind: BlockKind;
  text: string;
  /** the page the block starts on */
  page: number;
  /** where the text runs onto later pages (absent when it stands on one): a quote is cited at the pages it spans */
  pageBreaks?: PageBreak[];
  /** 1-based line of the report.txt where the block starts */
  line: number;
  section: string;
  footnotes: number[];
  /** for captions, sources, notes and rows: the figure they belong to */
  figure?: number;
}

export interface Footnote {
  n: number;
  text: string;
  page: number;
  line: number;
}

/** A number as written ("9,705") and as a number (9705). */
export interface Value {
  text: string;
  number: number;
}

export interface FigureRow {
  label: string;
  /** the row this one is a sub-row of (Figure 4's cautions under "Out-of-court (formal)") */
  group: string | null;
  /** one value per column, in the order of `Figure.columns` */
  values: Value[];
  page: number;
  block: string;
}

export interface Figure {
  n: number;
  caption: string;
  source: string | null;
  note: string | null;
  page: number;
  section: string;
  footnotes: number[];
  columns: FigureColumn[];
  rows: FigureRow[];
}

/** A column of a figure's table: whose figure (an area) and, where the table has several, which measure. */
export interface FigureColumn {
  /** "Cleveland Police", "England and Wales", or "value N" when the header names no area */
  area: string;
  /** "Number of outcomes", "Rate", or null when the table has one measure */
  measure: string | null;
}

/** A column as a person reads it in a header: "Cleveland Police – Rate". */
export function columnLabel(column: FigureColumn): string {
  return column.measure ? `${column.area} – ${column.measure}` : column.area;
}

/** A parsed report: pages, the section tree, blocks in reading order, footnotes and figures. */
export interface Report {
  id: string;
  manifest: Manifest;
  /** lines of report.txt by page: pages[i] is page i + 1 */
  pages: { n: number; firstLine: number; lastLine: number; layout: 'text' | 'columns' }[];
  sections: Section[];
  blocks: Block[];
  footnotes: Footnote[];
  figures: Figure[];
}
