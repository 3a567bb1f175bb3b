import { describe, expect, it } from 'vitest';
import { commandToQuestion, parsePeelCommand } from '../../src/slack/command.js';

describe('parsePeelCommand', () => {
  it.each([
    ['', { kind: 'help' }, 'empty text gets help'],
    ['   ', { kind: 'help' }, 'blank text gets help'],
    ['help', { kind: 'help' }, 'help'],
    ['HELP', { kind: 'help' }, 'subcommands ignore case'],
    ['judgment', { kind: 'judgment', area: null }, 'no area: all five grades'],
    ['judgement  protecting   vulnerable people', { kind: 'judgment', area: 'protecting vulnerable people' }, 'British spelling, spaces squeezed'],
    ['grades', { kind: 'judgment', area: null }, 'an alias people type'],
    ['improve', { kind: 'improve', area: null }, 'all areas for improvement'],
    ['improve crime prevention', { kind: 'improve', area: 'crime prevention' }, 'one area'],
    ['metric crime rate', { kind: 'metric', name: 'crime rate' }, 'a named metric'],
    ['metric', { kind: 'help' }, 'a metric with no name cannot be answered: show help'],
    ['digest subscribe weekly #policing', { kind: 'digest', args: ['subscribe', 'weekly', '#policing'] }, 'digest takes its args for the digest issue'],
    ['digest', { kind: 'digest', args: [] }, 'digest alone'],
    ['how many crimes were recorded?', { kind: 'question', question: 'how many crimes were recorded?' }, 'a question'],
    ['judge the force', { kind: 'question', question: 'judge the force' }, 'an unknown first word is a question'],
    ['judgments?', { kind: 'question', question: 'judgments?' }, 'punctuation makes it a question, not a subcommand'],
  ] as const)('%j → %j (%s)', (text, expected, _why) => {
    expect(parsePeelCommand(text)).toEqual(expected);
  });
});

describe('commandToQuestion', () => {
  it('forces the intent for subcommands', () => {
    expect(commandToQuestion({ kind: 'judgment', area: null })).toEqual({ question: '', options: { intent: 'judgment' } });
    expect(commandToQuestion({ kind: 'improve', area: 'crime' })).toEqual({ question: 'crime', options: { intent: 'improvement' } });
    expect(commandToQuestion({ kind: 'metric', name: 'crime rate' })).toEqual({ question: 'crime rate', options: { intent: 'metric' } });
    expect(commandToQuestion({ kind: 'help' })).toEqual({ question: '', options: { intent: 'help' } });
    expect(commandToQuestion({ kind: 'question', question: 'q?' })).toEqual({ question: 'q?', options: {} });
  });
});
