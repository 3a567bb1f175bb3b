import { readFileSync } from 'node:fs';
import { answerQuestion } from '../answer/answer.js';
import { judgeAnswer, type Expectation } from '../answer/evaluate.js';
import { loadKnowledge } from '../answer/knowledge.js';

// a reader that stops early (`| head`) is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

/** npm run eval: answers the question set and prints accuracy per intent and every failure. */
const file = process.argv[2] ?? 'tests/fixtures/questions.json';
const items = JSON.parse(readFileSync(file, 'utf8')) as Expectation[];
const kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
const perIntent = new Map<string, { right: number; total: number }>();
const failures: string[] = [];
for (const item of items) {
  const answer = answerQuestion(kb, item.q);
  const problem = judgeAnswer(answer, item);
  const tally = perIntent.get(item.intent) ?? { right: 0, total: 0 };
  tally.total++;
  if (!problem) tally.right++;
  else failures.push(`✗ [${item.intent}→${answer.intent}] ${item.q}\n    ${problem}\n    got: ${answer.text.slice(0, 160).replace(/\n/g, ' ⏎ ')}`);
  perIntent.set(item.intent, tally);
}
const right = [...perIntent.values()].reduce((a, t) => a + t.right, 0);
console.log('intent        right / total');
for (const [intent, t] of [...perIntent].sort()) console.log(`${intent.padEnd(13)} ${String(t.right).padStart(5)} / ${t.total}  ${((100 * t.right) / t.total).toFixed(1)}%`);
console.log(`overall       ${String(right).padStart(5)} / ${items.length}  ${((100 * right) / items.length).toFixed(1)}%`);
if (failures.length) console.log(`\n${failures.join('\n')}`);
