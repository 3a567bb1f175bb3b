import type { Grade } from '../corpus/schema.js';

/** Where a fact stands in its report: the section path, page and the verbatim words. */
export interface FactCitation {
  report: string;
  section: string;
  /** the page the quote starts on, and the last it runs onto when that is a later one */
  page: number;
  lastPage?: number;
  quote: string;
  block: string;
}

/** A grade the report gives: overall, or for one of its main questions. */
export interface Judgment {
  report: string;
  /** id of the main question's section, or "overall" */
  question: string;
  /** the question the grade answers, as the report asks it */
  title: string;
  /** the title people read: "Investigating crime and managing offenders" */
  short: string;
  grade: Grade;
  page: number;
  /** the sentence of the summary that states the grade (its opening sentence when none does) */
  quote: string;
  /** the summary's paragraphs, whole */
  summary: string[];
  citation: FactCitation;
  /** each paragraph of the summary cited whole: the reasons the grade is given */
  reasons: FactCitation[];
  /** where the report's overview states the same grade in its own words ("How it prevents crime … also requires improvement"), if it does */
  overview: FactCitation | null;
}

/** One "Areas for improvement" bullet. */
export interface Improvement {
  report: string;
  question: string;
  title: string;
  short: string;
  text: string;
  page: number;
  citation: FactCitation;
}

export interface MetricValue {
  text: string;
  number: number;
}

/** A number the report gives, with what it counts, its comparator and earlier value where the same row or sentence gives them. */
export interface Metric {
  id: string;
  report: string;
  /** what was counted, with the figure's topic after a " · " where it comes from a figure: for display and search; rooms read `name` and `topic`, never split it */
  label: string;
  /** what was counted: the row (its group, the column's measure), or the sentence's subject */
  name: string;
  /** what the figure is about, from its caption (null for a figure in prose) */
  topic: string | null;
  value: MetricValue;
  unit: string;
  comparator: (MetricValue & { area: string }) | null;
  earlier: (MetricValue & { when: string | null }) | null;
  period: string | null;
  page: number;
  /** the row or sentence the value stands in */
  quote: string;
  /** what is around it: the sentence's paragraph, or the row's caption and note (searched, never quoted) */
  context: string;
  from: 'figure' | 'prose';
  figure: number | null;
  /** the row or sentence first, then what explains it (caption, note, footnote) */
  citations: FactCitation[];
}

export interface Facts {
  judgments: Judgment[];
  improvements: Improvement[];
  metrics: Metric[];
}
