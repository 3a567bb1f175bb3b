import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { answerQuestion } from '../answer/answer.js';
import { judgeAnswer, type Expectation } from '../answer/evaluate.js';
import { loadKnowledge } from '../answer/knowledge.js';

// a reader that stops early (`| head`) is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

/**
 * npm run eval [-- FILE …] [--failures]: answers each question set and prints accuracy per intent.
 * Without files: the team's set (tests/fixtures/questions.json) and the sets written blind by
 * people who saw only the report — dev (studied and tuned on), test (scored when a change is
 * finished, never used to choose one), and fresh sets written later, each scored when first written:
 * blind-fresh2 has since been studied too (tests/fixtures/README.md keeps each set's history). --failures lists every wrong answer of each set.
 */
const args = process.argv.slice(2);
const showFailures = args.includes('--failures');
// --known-wrong: the wrong answers as JSON, for tests/fixtures/known-wrong.json (each with the reason it is wrong)
const knownWrong = args.includes('--known-wrong');
const wrongBySet: Record<string, { q: string; reason: string }[]> = {};
const files = args.filter((a) => !a.startsWith('--'));
const sets = files.length
  ? files
  : ['questions.json', 'blind-dev.json', 'blind-test.json', 'blind-fresh.json', 'blind-fresh2.json', 'blind-fresh3.json', 'blind-fresh4.json', 'blind-fresh5.json'].map((f) => `tests/fixtures/${f}`);
const kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });

for (const file of sets) {
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
  if (knownWrong) continue;
  const right = [...perIntent.values()].reduce((a, t) => a + t.right, 0);
  console.log(`\n${basename(file)}\nintent        right / total`);
  for (const [intent, t] of [...perIntent].sort()) console.log(`${intent.padEnd(13)} ${String(t.right).padStart(5)} / ${t.total}  ${((100 * t.right) / t.total).toFixed(1)}%`);
  console.log(`overall       ${String(right).padStart(5)} / ${items.length}  ${((100 * right) / items.length).toFixed(1)}%`);
  if (unanswerable) console.log(`unanswerable declined ${declinedRight} / ${unanswerable}`);
  if (showFailures && failures.length) console.log(`\n${failures.join('\n')}`);
}
if (knownWrong) console.log(JSON.stringify(wrongBySet, null, 2));
