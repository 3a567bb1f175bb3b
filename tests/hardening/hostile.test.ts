/**
 * Hostile input, property-tested: whatever people (or their clipboards) type goes through the real
 * answerQuestion and renderAnswer without throwing, every Answer passes the schema, every message
 * stays inside Slack's limits, and nothing the user typed comes back as a live mention or link.
 * The slowest question is measured and printed (no timing assertion: CI machines vary).
 */
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { answerQuestion, MAX_QUESTION, type AnswerOptions } from '../../src/answer/answer.js';
import { corpusIndex } from '../../src/library/knowledge.js';
import { AnswerSchema, type Answer } from '../../src/answer/schema.js';
import { LIMITS, renderAnswer, type Rendered } from '../../src/render/blocks.js';
import { realKnowledge, ROOT } from '../slack/harness.js';

const kb = realKnowledge();
// reports are parsed and indexed when a question first needs them: pay that once, outside the measurement
const warmStart = performance.now();
answerQuestion(kb, 'what is the crime rate per 1,000 in Cleveland?');
const warmUpMs = performance.now() - warmStart;

// --- what people type ------------------------------------------------------------------------

const SLACK_MARKUP = ['<@U1>', '<@U1|someone>', '<!channel>', '<!here>', '<!everyone>', '<!subteam^S1>', '<!subteam^S1|@team>', '<#C1|x>', '<#C1>', '<https://x|y>', '<https://evil.example>', '<mailto:a@b.c|mail>', '<!date^1392734382^{date}|x>'];
const CODE_LOOKING = [
  "'; DROP TABLE answers; --",
  '" OR 1=1 --',
  'SELECT * FROM seen_events',
  '{"intent":"judgment","answered":true}',
  '[1,2,{"__proto__":{"x":1}}]',
  '${process.env.SLACK_BOT_TOKEN}',
  '{{constructor.constructor("return process")()}}',
  '<%= 7*7 %>',
  '#{7*7}',
  '%s%s%s%n',
  '$(rm -rf /)',
  '`whoami`',
  '\\u0000\\n',
  '../../../etc/passwd',
];
const OBJECT_WORDS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'then'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2069', '\u061C', '\u00AD'];
const EMOJI = ['👍', '🚓', '👮🏽‍♀️', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '❤️', '🇬🇧', ':police_car:', ':+1::skin-tone-2:', '\u{1F600}'];
const WORDS = [
  ...new Set(
    kb.vocabulary.intents
      .flatMap((i) => i.examples)
      .join(' ')
      .split(/\s+/)
      .filter(Boolean),
  ),
];

const control = fc.integer({ min: 0, max: 0x1f }).chain((c) => fc.constantFrom(String.fromCharCode(c), '\x7F', '\u0085', '\u2028', '\u2029'));
const PUNCTUATION = '!?.,;:\'"()[]{}<>&*_~`|\\/#@$%^+=-–—“”‘’…·•';
const punctuation = fc.string({ unit: fc.constantFrom(...PUNCTUATION.split('')), minLength: 1, maxLength: 40 });
const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...kb.vocabulary.intents.flatMap((i) => i.examples)) },
  { weight: 2, arbitrary: fc.constantFrom(...SLACK_MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...CODE_LOOKING) },
  { weight: 2, arbitrary: fc.constantFrom(...OBJECT_WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...INVISIBLE) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: control },
  { weight: 1, arbitrary: punctuation },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  // lone surrogates: what a cut emoji looks like
  { weight: 1, arbitrary: fc.constantFrom('\uD83D', '\uDE00', 'a\uD800b') },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{1,7}(?:[.,]\d{1,3})?%?$/) },
);
const separator = fc.constantFrom(' ', '', '\n', '\t', '  ', '\u00A0', '\u3000', ' \u200B ');
const question: fc.Arbitrary<string> = fc
  .array(fc.tuple(fragment, separator), { maxLength: 25 })
  .map((parts) => parts.map(([f, s]) => f + s).join(''));

const forced = fc.constantFrom<AnswerOptions['intent'] | undefined>(undefined, undefined, undefined, 'judgment', 'improvement', 'metric', 'help', 'overview');

// --- the checks ------------------------------------------------------------------------------

let slowest = { ms: 0, question: '' };
let asked = 0;

function ask(q: string, options: AnswerOptions = {}): Answer {
  const start = performance.now();
  const answer = answerQuestion(kb, q, options);
  const ms = performance.now() - start;
  asked++;
  if (ms > slowest.ms) slowest = { ms, question: q };
  return answer;
}

/** Every text of kind mrkdwn, and the fallback text: what Slack parses for mentions and links. */
function parsedTexts(rendered: Rendered): string[] {
  const out: string[] = [rendered.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(rendered.blocks);
  return out;
}

/** Throws naming the first Slack limit a message breaks. */
function checkLimits(rendered: Rendered): void {
  const { blocks, text } = rendered;
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(40_000);
  for (const block of blocks as unknown as Record<string, any>[]) {
    if (block.block_id !== undefined) expect(block.block_id.length).toBeLessThanOrEqual(255);
    switch (block.type) {
      case 'section':
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        if (block.fields) {
          expect(block.fields.length).toBeLessThanOrEqual(10);
          for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
        }
        expect(block.text || block.fields).toBeTruthy();
        if (block.accessory) checkButton(block.accessory);
        break;
      case 'context':
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
        for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
        break;
      case 'actions':
        expect(block.elements.length).toBeLessThanOrEqual(25);
        block.elements.forEach(checkButton);
        break;
      case 'header':
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.header);
        break;
      case 'divider':
        break;
      default:
        throw new Error(`unexpected block type ${block.type}`);
    }
  }
}

function checkButton(b: Record<string, any>): void {
  expect(b.type).toBe('button');
  expect(b.text.text.length).toBeGreaterThan(0);
  expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
  expect(b.action_id.length).toBeLessThanOrEqual(255);
  expect((b.value ?? '').length).toBeLessThanOrEqual(2000);
}

/** Nothing the user typed can become a live mention, broadcast or link: no `<`/`>` but block-quote markers, every `&` an entity. */
function checkInert(rendered: Rendered): void {
  for (const text of parsedTexts(rendered)) {
    const withoutQuoteMarkers = text.replace(/^> /gm, '');
    expect(withoutQuoteMarkers, text).not.toMatch(/[<>]/);
    expect(text, text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

/** The whole path a Slack reply takes: answer, schema, render (with buttons, as the listeners do), limits, escaping. */
function checkQuestion(q: string, options: AnswerOptions = {}): Answer {
  const answer = ask(q, options);
  const parsed = AnswerSchema.safeParse(answer);
  if (!parsed.success) throw new Error(`Answer fails the schema for ${JSON.stringify(q)}: ${parsed.error.message}`);
  // what a JSON consumer (ask --json, the store) does with it
  expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  for (const rendered of [renderAnswer(answer), renderAnswer(answer, { answerId: 'abcDEF123456', share: true })]) {
    checkLimits(rendered);
    checkInert(rendered);
  }
  return answer;
}

afterAll(() => {
  // the note for the hardening report: the worst single answer time seen over every property run
  console.log(`hostile input: first question (builds the index) ${warmUpMs.toFixed(0)} ms; then ${asked} questions answered; slowest ${slowest.ms.toFixed(1)} ms for ${JSON.stringify(slowest.question.slice(0, 120))}${slowest.question.length > 120 ? `… (${slowest.question.length} chars)` : ''}`);
});

describe('hostile questions through answerQuestion and renderAnswer', () => {
  it('never throw, always pass the Answer schema, stay within Slack limits and echo nothing live', () => {
    fc.assert(
      fc.property(question, forced, (q, intent) => {
        checkQuestion(q, intent ? { intent } : {});
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('survive follow-ups in a thread and paging, whatever the previous answer was', () => {
    const previous = [
      ask('How many crimes per 1,000 population were recorded in Cleveland?'),
      ask('what grades did the force get?'),
      ask('what are the areas for improvement?'),
      ask('what does the report say about domestic abuse?'),
      ask('<!channel> __proto__'),
    ];
    fc.assert(
      fc.property(question, fc.constantFrom(...previous), fc.integer({ min: 0, max: 50 }), (q, prev, offset) => {
        checkQuestion(`${q} which page?`, { previous: prev });
        checkQuestion(`and England and Wales? ${q}`, { previous: prev });
        checkQuestion(q, { offset });
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('cuts very long questions at the door with a clear reply, however they are made', () => {
    const longOnes = [
      'a'.repeat(40_000),
      'what is the crime rate? '.repeat(1700),
      '<!channel> '.repeat(4000),
      '👮🏽‍♀️'.repeat(6000),
      '\u200B'.repeat(40_000),
      `${'x'.repeat(MAX_QUESTION - 1)}👍${'y'.repeat(39_000)}`, // the cut falls inside a surrogate pair
      Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 0x2f00))).join(''),
      '__proto__ constructor '.repeat(1800),
    ];
    // the costliest 500 characters found by hand: every word a near miss, so each is spell-checked
    const terms = [...corpusIndex(kb).terms];
    const typos = Array.from({ length: 120 }, (_, i) => `${terms[(i * 131) % terms.length]!.slice(0, -1)}q`).join(' ').slice(0, MAX_QUESTION);
    checkQuestion(typos);
    checkQuestion(typos, { intent: 'judgment' });
    for (const q of longOnes) {
      expect(q.length).toBeGreaterThanOrEqual(MAX_QUESTION);
      const answer = checkQuestion(q);
      expect(answer.answered).toBe(false);
      expect(answer.text).toMatch(/too long/);
      expect(answer.question.length).toBeLessThanOrEqual(MAX_QUESTION);
      // a forced intent (/peel metric <40,000 characters>) still answers from the cut question
      checkQuestion(q, { intent: 'metric' });
      checkQuestion(q, { intent: 'judgment' });
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 20_000, maxLength: 40_000 }), (q) => {
        if (q.length > MAX_QUESTION) expect(checkQuestion(q).text).toMatch(/too long/);
      }),
      { numRuns: 20 },
    );
  });

  it('answer empty, whitespace-only, invisible-only and punctuation-only questions with help or a clear "none"', () => {
    const blanks = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00A0', '\u3000', ...INVISIBLE), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(blanks, punctuation), (q) => {
        const answer = checkQuestion(q);
        expect(answer.citations).toEqual([]);
        expect(answer.answered === false || answer.intent === 'help').toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(checkQuestion('').intent).toBe('help');
  }, 30_000);

  it('treat object-property names as words, not as lookups', () => {
    for (const word of OBJECT_WORDS) {
      for (const q of [word, `${word} rate`, `what is the ${word} grade?`, `/peel metric ${word}`]) {
        const answer = checkQuestion(q);
        expect(typeof answer.text).toBe('string');
        for (const intent of ['judgment', 'improvement', 'metric', 'help', 'overview'] as const) checkQuestion(word, { intent });
      }
    }
  });

  it('are deterministic: the same hostile question gets the same answer', () => {
    fc.assert(
      fc.property(question, (q) => {
        expect(ask(q)).toEqual(ask(q));
      }),
      { numRuns: 200 },
    );
  });
});

describe('npm run ask -- --json over a stream of hostile lines on stdin', () => {
  it('prints one JSON answer line per non-blank line, in order, and exits 0', async () => {
    // readline ends a line at \n, \r\n and a lone \r: those are the line breaks, so a question holds none
    const lines = fc.sample(question, { numRuns: 250, seed: 7 }).map((q) => q.replace(/[\r\n]/g, ' '));
    lines.splice(10, 0, '', '   ', '\t', 'a'.repeat(40_000), '<!channel> __proto__', '\u200B');
    const input = `${lines.join('\n')}\r\n`;
    const child = spawn('npm', ['run', '--silent', 'ask', '--', '--json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(input);
    const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const expected = lines.filter((l) => l.trim() !== '');
    const out = stdout.split('\n').filter((l) => l !== '');
    expect(out).toHaveLength(expected.length);
    // a lone surrogate cannot cross a UTF-8 pipe: it arrives (and is answered) as U+FFFD
    const throughPipe = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
    out.forEach((line, i) => {
      const answer = AnswerSchema.parse(JSON.parse(line));
      expect(answer.question).toBe(throughPipe(expected[i]!).slice(0, MAX_QUESTION));
    });
  }, 60_000);
});
