/**
 * Every threshold, boost, window and cap of search and answering, in one place (as MiniSearch
 * keeps its `defaultSearchOptions`): what each does and how it was chosen. Values were chosen on
 * the question set (tests/fixtures/questions.json) and the blind dev half
 * (tests/fixtures/blind-dev.json, later also blind-fresh2.json), never on the blind test half;
 * `npm run eval` prints every set. The thresholds of general English — how many WordNet senses are
 * read, what share of them must be concrete — sit with WordNet in src/words/english.ts, the room
 * before this one.
 */
export const RANKING = {
  // --- indexing -------------------------------------------------------------------------------
  /** Passages longer than this many characters are split at sentence ends into chunks of about
   * two thirds of it, so an answer quotes what matters rather than a whole page of text. */
  maxPassage: 600,
  /** Field boosts of the passage index: a heading's words count, less than the passage's own. */
  passageBoost: { text: 1, section: 0.6 },
  /** Field boosts of the metric index: a figure's label says most what it measures, then its sentence or row. */
  metricBoost: { label: 2, quote: 1, context: 0.3, section: 0.4 },
  /** Terms in more than this share of a report's passages are left out of a query that has rarer
   * ones: they rank little and cost the most (chosen where the 1× p99 fell without a lost answer). */
  commonTermShare: 1 / 3,

  // --- passages -------------------------------------------------------------------------------
  /** Only the best-scored this many search results are checked for evidence: no answer shows more. */
  candidates: 20,
  /** A passage's MiniSearch score below this is noise (one common word matched). */
  minPassageScore: 4,
  /** A passage must carry this share of the question's key words (optional words excluded): the best of the plain
   * share, the share with names weighed (`nameWeight`) and the share with each word weighed by its IDF in the reports
   * (answer/scope.ts `coverage`). */
  minCoverage: 0.6,
  /** ...and, whatever the weights, at least this plain share: one rare word or name of three never carries a passage
   * alone (a guard against quoting the wrong passage; no question of the sets needed more weight than this allows). */
  minPlainCoverage: 0.5,
  /** A key word typed as a name inside the question ("the THRIVE thing the control room uses") counts this many times
   * in a passage's coverage: a name says most what is asked, the words around it where it is used. Chosen on the
   * dev sets (blind-fresh11 and the studied sets): 2 admitted the questions whose name the passage holds, none lost. */
  nameWeight: 2,
  /** A question a third of whose key words name specific things the reports never use is declined. */
  maxUnknownShare: 1 / 3,
  /** A question left with this many key words or fewer, after at least `thinAbsent` of its content
   * words were found nowhere in the report ("the troubled families programme": only "programme"
   * left), is about something the report does not cover. */
  thinKeys: 1,
  thinAbsent: 2,
  /** Passages shown per answer; "More results" shows the next ones. */
  pageSize: 3,
  /** A passage in the chapter of the area a question names (prevention, investigation …) scores this much more. */
  areaBoost: 1.5,
  /** A footnote or Annex A passage scores this much more for a definition question. */
  definitionBoost: 2,
  /** A summary asked of one part of a report shows at most this many paragraphs of its "Summary of findings"
   * that say most of what was asked, beside the overview's own sentence: two covered the dev sets' asks
   * ("offender mgmt": the grade's paragraph and the one on repeat and sexual offenders) without the whole summary.
   * A part named by its own words alone ("gist of the vulnerability findings") shows its whole summary of findings:
   * nothing narrower was asked (blind-fresh10's two gists wanted its third paragraphs). */
  summaryFindings: 2,
  /** Source lines under figures ("Source: Home Office …") score this fraction: they rarely answer. */
  sourceBoost: 0.2,

  // --- metrics --------------------------------------------------------------------------------
  /** Only the best-scored this many metrics are checked. */
  metricCandidates: 30,
  /** A metric must carry all of a short question's key words (two or fewer), else this share:
   * showing a different number is worse than showing none. */
  metricCoverage: 0.66,
  /** Rank added to a figure whose sentence holds a number the question gives ("fell by 9%, right?"):
   * less than a key word's share of coverage (100 × its share), more than the unit and the search score. */
  claimedNumberBonus: 20,
  /** Rank taken, times the share of the question's key words a figure holds only in the heading of its chapter, not
   * in its own words (label, sentence or row, paragraph): "ASB went up?" is the ASB figure's, not that of recorded
   * crime's rise in the same chapter ("Preventing crime and anti-social behaviour …"). Less than a key word's share of
   * coverage, as much as the change bonus: chosen where the dev sets' figure questions gained and none lost. */
  headingOnlyPenalty: 15,
  /** Rank added to a figure in the unit the question asks for (a rate per 1,000, a percentage, a count). */
  unitBonus: 10,
  /** Rank added to a figure with an England and Wales comparator when the question compares ("vs national"). */
  comparatorBonus: 10,
  /** Rank added to a figure whose sentence describes a change when the question asks about one ("trend since 2010"). */
  changeBonus: 15,
  /** Rank added beside it to a figure that is the change itself, its label telling it ("fewer incidents", "fell by"), not
   * a level whose sentence goes on to the change ("42,844 incidents. This is 2 percent fewer …"). Less than the change
   * bonus, so a change in the asked unit still wins: chosen where the dev sets' change questions gained and none lost. */
  changeItselfBonus: 10,

  // --- the door -------------------------------------------------------------------------------
  /** Questions longer than this many characters are declined at once: one question is a sentence or two. */
  maxQuestion: 500,
} as const;
