import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { withoutBotMention } from '../../src/slack/answering.js';

describe('createLogger', () => {
  it('never writes the tokens or the signing secret, nor anything shaped like a token', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', secrets: ['xoxb-1-secret', 'signing-secret-value'], sink: (_l, line) => lines.push(line) });
    logger.debug('token', 'xoxb-1-secret', { headers: { authorization: 'Bearer xoxb-1-secret' } });
    logger.error(new Error('bad signing-secret-value'));
    logger.warn('someone else’s xapp-1-A0-123abc and xoxp-99-zz');
    const all = lines.join('\n');
    expect(all).not.toMatch(/xoxb-1-secret|signing-secret-value|xapp-1-A0|xoxp-99/);
    expect(all.match(/\[redacted\]/g)?.length).toBe(5);
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', secrets: [], sink: (_l, line) => lines.push(line) });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
    logger.setLevel('debug' as never);
    logger.debug('now heard');
    expect(lines).toHaveLength(2);
  });
});

describe('withoutBotMention', () => {
  it('removes the bot’s mention wherever it stands, and keeps other mentions', () => {
    expect(withoutBotMention('<@UBOT> what grade?', 'UBOT')).toBe('what grade?');
    expect(withoutBotMention('hey <@UBOT|peel> and <@U2> what grade?', 'UBOT')).toBe('hey and <@U2> what grade?');
    expect(withoutBotMention('<@UBOT>', 'UBOT')).toBe('');
  });
});

describe('LOG_FORMAT=json', () => {
  it('writes one JSON object per line, with the reference id as a field and every secret blanked', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: ['sekrit-signing'], sink: (_l, line) => lines.push(line), format: 'json' });
    logger.debug('not at info');
    logger.info('started on port', 3000);
    logger.error('[peel-0123abcd] app_mention failed: invalid_auth: token xoxb-123-456 and sekrit-signing', new Error('boom'));
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), name: 'peel-bot', msg: 'started on port 3000' });
    expect(second).toMatchObject({ level: 'error', ref: 'peel-0123abcd', name: 'peel-bot' });
    expect(second!.msg).toMatch(/^\[peel-0123abcd\] app_mention failed: invalid_auth: token \[redacted\] and \[redacted\] Error: boom/);
    expect(lines.join('\n')).not.toMatch(/xoxb-|sekrit/);
  });
});
