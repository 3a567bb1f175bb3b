import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createPeelApp } from '../../src/slack/app.js';
import { createLogger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { realKnowledge, ROOT } from './harness.js';

afterEach(() => nock.cleanAll());

describe('createPeelApp', () => {
  it('builds a Socket Mode app when SLACK_APP_TOKEN is set, with no signing secret', () => {
    nock.disableNetConnect();
    nock('https://slack.com').persist().post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT' });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '0' }, ROOT);
    const peel = createPeelApp({
      config,
      kb: realKnowledge(),
      store: openSqliteStore(':memory:'),
      logger: createLogger({ level: 'error', secrets: [], sink: () => {} }),
    });
    expect(config.mode).toBe('socket');
    expect(peel.app).toBeDefined();
  });

  it('sends Web API calls to SLACK_API_URL', async () => {
    nock.disableNetConnect();
    const scope = nock('http://127.0.0.1:9999').post('/api/auth.test').twice().reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9999/api', PORT: '0' }, ROOT);
    const peel = createPeelApp({
      config,
      kb: realKnowledge(),
      store: openSqliteStore(':memory:'),
      logger: createLogger({ level: 'error', secrets: [], sink: () => {} }),
      retryConfig: { retries: 0 },
    });
    // start() checks the token (and Bolt's init reads the bot's ids) before a port is bound
    expect(await peel.start()).toEqual({ port: expect.any(Number), teamId: 'T1' });
    await peel.stop();
    expect(scope.isDone()).toBe(true);
  });

  it('Socket Mode goes through SLACK_API_URL and names the URL and error when it cannot connect', async () => {
    nock.disableNetConnect();
    nock('http://127.0.0.1:9999').persist().post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    const open = nock('http://127.0.0.1:9999').post('/api/apps.connections.open').reply(200, { ok: false, error: 'invalid_auth' });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9999/api', PORT: '0' }, ROOT);
    const peel = createPeelApp({ config, kb: realKnowledge(), store: openSqliteStore(':memory:'), logger: createLogger({ level: 'error', secrets: [], sink: () => {} }) });
    await expect(peel.start()).rejects.toThrow('Slack: cannot open a Socket Mode connection: http://127.0.0.1:9999/api/apps.connections.open refused the app token (invalid_auth)');
    expect(open.isDone()).toBe(true);
    await peel.stop();
  });
});
