import type { RewrittenQuery } from '../search/query.js';
import type { AreaSpec, Vocabulary } from '../search/vocabulary.js';
import type { Knowledge } from './knowledge.js';
import type { Intent } from './schema.js';

export interface Classification {
  intent: Intent;
  /** the main question the question is about: an area, "overall", or null when none is named */
  area: AreaSpec | 'overall' | null;
  /** a force the question names that no report in the corpus is about */
  otherForce: string | null;
  /** a PEEL pillar the question names that the reports do not cover */
  otherPillar: string | null;
  /** a year the question names that no report is of */
  otherYear: string | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// compiled once per phrase: classification runs on every question
const phrases = new Map<string, RegExp>();
function phrase(p: string): RegExp {
  let re = phrases.get(p);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(p.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u');
    phrases.set(p, re);
  }
  return re;
}

/** Which alias of which area the question uses; the longest alias wins. */
export function findArea(text: string, vocabulary: Vocabulary): AreaSpec | 'overall' | null {
  let best: { area: AreaSpec | 'overall'; length: number } | null = null;
  for (const alias of vocabulary.overallAliases) if (phrase(alias).test(text) && (!best || alias.length > best.length)) best = { area: 'overall', length: alias.length };
  for (const area of vocabulary.areas) {
    for (const alias of area.aliases) {
      if (phrase(alias).test(text) && (!best || alias.length > best.length)) best = { area, length: alias.length };
    }
  }
  return best?.area ?? null;
}

// when two intents' cues weigh the same, the more specific wins
const PRIORITY: Intent[] = ['help', 'overview', 'improvement', 'metric', 'judgment', 'passage'];

/** Classifies a question by the cue words of intents/ (data), and notes what it asks that the corpus lacks. */
export function classifyQuestion(kb: Knowledge, q: RewrittenQuery): Classification {
  const text = q.normalised;
  const { vocabulary } = kb;
  const area = findArea(text, vocabulary);
  const scores = new Map<Intent, number>();
  for (const spec of vocabulary.intents) {
    // passage is what a question is when it is nothing more specific: its cues only document it
    if (spec.name === 'passage') continue;
    let score = 0;
    for (const cue of spec.cues) if (phrase(cue).test(text)) score += cue.split(/\s+/).length;
    scores.set(spec.name, score);
  }
  // a number in the question ("per 1,000", "42,844") asks for a number
  if (/\d/.test(text.replace(/\b(?:19|20)\d\d\b/g, ''))) scores.set('metric', (scores.get('metric') ?? 0) + 1);
  let intent: Intent = 'passage';
  let best = 0;
  for (const name of PRIORITY) {
    const s = scores.get(name) ?? 0;
    if (s > best) {
      best = s;
      intent = name;
    }
  }
  // "help" or "overview" only when the question is about the bot or the report, not a topic in it
  if ((intent === 'help' || intent === 'overview') && q.terms.filter((t) => !kb.cueTerms.has(t)).length > 1) intent = 'passage';
  if (text.trim() === '' || q.terms.length === 0) intent = best > 0 ? intent : 'help';

  const corpusForces = kb.reports.map((r) => r.force.toLowerCase());
  const otherForce =
    vocabulary.forces.find((f) => phrase(f).test(text) && !corpusForces.some((c) => c.includes(f.toLowerCase()))) ?? null;
  const corpusPillars = new Set(kb.reports.map((r) => r.pillar));
  const otherPillar = vocabulary.pillars.find((p) => phrase(p).test(text) && !corpusPillars.has(p)) ?? null;
  const years = text.match(/\b(?:19|20)\d\d\b/g) ?? [];
  const otherYear = years.find((y) => !kb.reports.some((r) => String(r.year) === y)) ?? null;
  return { intent, area, otherForce, otherPillar, otherYear };
}
