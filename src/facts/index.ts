import type { Report } from '../corpus/schema.js';
import { extractImprovements, extractJudgments } from './judgments.js';
import { extractMetrics } from './metrics.js';
import type { Facts } from './schema.js';

export type { Facts, Judgment, Improvement, Metric, FactCitation } from './schema.js';
export { sectionPath, citeBlock } from './judgments.js';

/** Everything peel-bot states as a fact about a report: its grades, areas for improvement and numbers. */
export function extractFacts(report: Report): Facts {
  return { judgments: extractJudgments(report), improvements: extractImprovements(report), metrics: extractMetrics(report) };
}
