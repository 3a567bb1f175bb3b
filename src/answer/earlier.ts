/**
 * A grade, overview or improvement asked of a year no report is of ("back in the 2014 inspection were they rated
 * good for investigation?"): a report may say what an earlier inspection found, in its own words. Its passage
 * that names that year and an inspection, on the topic asked, answers as a passage (never as the report's grade).
 */
import { type RewrittenQuery } from '../search/query.js';
import { type Classification } from './classify.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer, Intent } from './schema.js';
import { answerPassages } from './passages.js';
import { keyTerms } from './scope.js';

/** The intents a year no report is of is declined for, unless a passage says what that year's inspection found. */
const GRADED: ReadonlySet<Intent> = new Set(['judgment', 'improvement', 'overview']);

/** The words (as terms) for an inspection and who made it: what an earlier one is, not what it found. */
const INSPECTION_TERMS = new Set(['inspect', 'inspector', 'hmic', 'hmicfr', 'report']);

/** The passages' answer on what an earlier inspection found, or null when no passage on the topic asked names that year's inspection. */
export function answerEarlier(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, intent: Intent): Answer | null {
  const year = cls.otherYear;
  if (!year || cls.otherForce || cls.otherPillar || !GRADED.has(intent)) return null;
  // ("what did they get overall back in the 2014 inspection?": no one passage says what a whole inspection found)
  const area = cls.area && cls.area !== 'overall' ? cls.area.matches.toLowerCase() : null;
  if (!area && keyTerms(kb, q).every((t) => INSPECTION_TERMS.has(t))) return null;
  const earlier = answerPassages(kb, question, q, { ...cls, intent: 'passage', answerType: 'any' }, 0, 'passage');
  // (what that inspection found: its sentence names the year and an inspection, not merely a date in it)
  if (!earlier.answered || !earlier.text.includes(year) || !/\binspect(?:ion|ed)\b/i.test(earlier.text)) return null;
  // an area named is the topic: the sentence shown stands in its chapter ("… rated good for investigation?" is not
  // answered by what the 2014 inspection recommended on anti-social behaviour)
  if (area && !earlier.citations[0]?.section.toLowerCase().includes(area)) return null;
  return earlier;
}
