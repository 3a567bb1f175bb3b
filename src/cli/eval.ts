import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { answerQuestion } from '../answer/answer.js';
import { type Expectation, judgeAnswer, QUESTION_SETS } from '../answer/evaluate.js';
import { loadKnowledge } from '../library/knowledge.js';
import { readPaths } from '../config.js';
import { type CliIo, readArgs, runProgram, UsageExit, withUsage } from './program.js';

/**
 * npm run eval [-- FILE …] [--failures] [--known-wrong] [--floor PCT]: answers each question set and
 * prints accuracy per intent. Without files: the team's set (tests/fixtures/questions.json) and the
 * sets written blind by people who saw only the report — dev (studied and tuned on), test (scored
 * when a change is finished, never used to choose one), and fresh sets written later, each scored
 * when first written (tests/fixtures/README.md keeps each set's history).
 *
 * Exits 1 when a set falls below its floor: by default the score the known-wrong list allows
 * (tests/fixtures/known-wrong.json: every other question right), or --floor PCT for every set.
 */

const FIXTURES = 'tests/fixtures';

const USAGE = `usage: npm run eval -- [FILE …] [--failures] [--known-wrong] [--floor PCT]
  FILE           question sets (default: every set in ${FIXTURES})
  --failures     list every wrong answer with why
  --known-wrong  print the wrong answers as JSON, for ${FIXTURES}/known-wrong.json
  --floor PCT    exit 1 when a set scores below PCT % (default: the score known-wrong.json allows)`;

export function runEvalCli(argv: string[], io: CliIo): Promise<number> {
  return withUsage(io, () => evaluate(argv, io));
}

function evaluate(argv: string[], io: CliIo): number {
  const { values, positionals } = readArgs(argv, 'eval', USAGE, { failures: { type: 'boolean' }, 'known-wrong': { type: 'boolean' }, floor: { type: 'string' } }, true);
  const showFailures = values.failures === true;
  const knownWrong = values['known-wrong'] === true;
  const floor = values.floor === undefined ? null : Number(values.floor);
  if (floor !== null && !(floor >= 0 && floor <= 100)) throw new UsageExit(2, `eval: --floor takes a percentage from 0 to 100\n${USAGE}\n`);
  const paths = readPaths(io.env);
  const files = positionals.length ? positionals : QUESTION_SETS.map((f) => join(FIXTURES, f));
  const allowed = JSON.parse(readFileSync(join(FIXTURES, 'known-wrong.json'), 'utf8')) as Record<string, { q: string }[]>;
  const kb = loadKnowledge({ corpusDir: paths.corpusDir, intentsDir: paths.intentsDir, compiledDir: paths.compiledDir, onWarn: (m) => io.err(`${m}\n`) });
  const wrongBySet: Record<string, { q: string; reason: string }[]> = {};
  const below: string[] = [];

  for (const file of files) {
    const items = JSON.parse(readFileSync(file, 'utf8')) as Expectation[];
    const perIntent = new Map<string, { right: number; total: number }>();
    const failures: string[] = [];
    let declinedRight = 0;
    let unanswerable = 0;
    for (const item of items) {
      const answer = answerQuestion(kb, item.q);
      const problem = judgeAnswer(answer, item);
      const tally = perIntent.get(item.intent) ?? { right: 0, total: 0 };
      tally.total++;
      if (!problem) tally.right++;
      else {
        failures.push(`✗ [${item.intent}→${answer.intent}] ${item.q}\n    ${problem}\n    got: ${answer.text.slice(0, 160).replace(/\n/g, ' ⏎ ')}`);
        (wrongBySet[basename(file)] ??= []).push({ q: item.q, reason: `${problem} (asked for ${item.intent}, answered as ${answer.intent})` });
      }
      perIntent.set(item.intent, tally);
      if (!item.answered) {
        unanswerable++;
        if (!answer.answered) declinedRight++;
      }
    }
    const right = [...perIntent.values()].reduce((a, t) => a + t.right, 0);
    const score = (100 * right) / items.length;
    const setFloor = floor ?? (allowed[basename(file)] ? (100 * (items.length - allowed[basename(file)]!.length)) / items.length : null);
    if (setFloor !== null && score < setFloor - 1e-9) below.push(`${basename(file)} ${score.toFixed(1)}% < ${setFloor.toFixed(1)}%`);
    if (knownWrong) continue;
    const lines = [`\n${basename(file)}`, 'intent        right / total'];
    for (const [intent, t] of [...perIntent].sort()) lines.push(`${intent.padEnd(13)} ${String(t.right).padStart(5)} / ${t.total}  ${((100 * t.right) / t.total).toFixed(1)}%`);
    lines.push(`overall       ${String(right).padStart(5)} / ${items.length}  ${score.toFixed(1)}%${setFloor !== null ? `  (floor ${setFloor.toFixed(1)}%)` : ''}`);
    if (unanswerable) lines.push(`unanswerable declined ${declinedRight} / ${unanswerable}`);
    if (showFailures && failures.length) lines.push('', failures.join('\n'));
    io.out(`${lines.join('\n')}\n`);
  }
  if (knownWrong) {
    io.out(`${JSON.stringify(wrongBySet, null, 2)}\n`);
    return 0;
  }
  if (below.length > 0) {
    io.err(`eval: below the floor: ${below.join('; ')}\n`);
    return 1;
  }
  return 0;
}

runProgram(import.meta.url, runEvalCli);
