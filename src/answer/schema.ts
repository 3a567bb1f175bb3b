import { z } from 'zod';
import { GRADES } from '../corpus/schema.js';
import { INTENTS } from '../search/vocabulary.js';

export { GRADES, type Grade } from '../corpus/schema.js';

export { type ForcedIntent, INTENTS, type Intent } from '../search/vocabulary.js';

/** Where a quote stands: the report, its section path ("Question › Sub-question"), page and the verbatim words. */
export const CitationSchema = z.object({
  report: z.string().min(1),
  section: z.string().min(1),
  /** the page the quote starts on */
  page: z.number().int().positive(),
  /** the last page the quote runs onto, when it crosses a page break */
  lastPage: z.number().int().positive().optional(),
  quote: z.string().min(1),
  /** id of the block (paragraph, bullet, table row, footnote) the quote comes from, for "Show source". */
  block: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const JudgmentFieldSchema = z.object({
  report: z.string(),
  question: z.string(),
  title: z.string(),
  grade: z.enum(GRADES),
  page: z.number().int().positive(),
});

export const MetricFieldSchema = z.object({
  label: z.string(),
  /** what was counted, without the figure's topic the label ends with */
  name: z.string(),
  value: z.string(),
  number: z.number(),
  unit: z.string(),
  period: z.string().nullable(),
  comparator: z.object({ area: z.string(), value: z.string(), number: z.number() }).nullable(),
  earlier: z.object({ value: z.string(), number: z.number(), when: z.string().nullable() }).nullable(),
});

export const ImprovementFieldSchema = z.object({
  question: z.string(),
  text: z.string(),
  page: z.number().int().positive(),
});

/** The Answer contract (../shared/DESIGN.md): what the CLI prints, Slack renders and tests assert on. */
export const AnswerSchema = z.object({
  question: z.string(),
  intent: z.enum(INTENTS),
  answered: z.boolean(),
  text: z.string().min(1),
  citations: z.array(CitationSchema),
  judgments: z.array(JudgmentFieldSchema).optional(),
  metric: MetricFieldSchema.optional(),
  improvements: z.array(ImprovementFieldSchema).optional(),
  /** questions the bot can answer, offered when it cannot answer this one (and in help). */
  suggestions: z.array(z.string()).optional(),
  /** more passages exist beyond these: "More results" asks again with this offset. */
  nextOffset: z.number().int().nonnegative().optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;
