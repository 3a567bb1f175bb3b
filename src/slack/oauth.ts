/**
 * Many workspaces through "Add to Slack" (@slack/oauth inside Bolt's HTTP receiver): the bot
 * scopes asked for, Bolt's installation store over ours (sealed at rest, a short cache in front),
 * the pages a person sees after installing, and uninstalling. Install state is signed with
 * SLACK_STATE_SECRET and kept nowhere, so an install begun on one replica finishes on another.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Installation, InstallationQuery, InstallationStore as BoltInstallationStore, InstallURLOptions } from '@slack/bolt';
import { type InstallationRef, installationKey, type PeelStore } from '../store/store.js';
import type { Logger } from '../logger.js';

/** The bot scopes of slack/manifest.json (a test keeps the two the same). */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history'] as const;

/** How long a fetched installation is reused before it is read again (uninstall drops it at once). */
const CACHE_MS = 60_000;

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** The store's key for what Bolt asks about: an org-wide install by its enterprise, else the workspace. */
function refOf(query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): InstallationRef {
  return { teamId: query.teamId ?? null, enterpriseId: query.enterpriseId ?? null, isEnterpriseInstall: query.isEnterpriseInstall === true };
}


export interface Installations extends BoltInstallationStore {
  /** Forgets the installation (uninstall): deleted from the store and the cache; true when there was one. */
  forget(ref: InstallationRef): Promise<boolean>;
  /** The bot token of a workspace's installation, or null when it has none (for the digest). */
  botToken(teamId: string): Promise<string | null>;
}

/** Bolt's installation store over the PeelStore, with a short in-process cache of what was fetched. */
export function installationStore(store: PeelStore, logger: Logger, now: () => number = Date.now): Installations {
  const cache = new Map<string, { at: number; installation: AnyInstallation }>();
  const fetch = async (ref: InstallationRef): Promise<AnyInstallation | null> => {
    const key = installationKey(ref);
    const hit = cache.get(key);
    if (hit && now() - hit.at < CACHE_MS) return hit.installation;
    const found = (await store.findInstallation(ref)) as AnyInstallation | null;
    if (found) cache.set(key, { at: now(), installation: found });
    else cache.delete(key);
    return found;
  };
  return {
    async storeInstallation(installation) {
      const ref = refOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
      await store.saveInstallation(ref, installation);
      cache.delete(installationKey(ref));
      logger.info(`oauth: installed in ${ref.isEnterpriseInstall ? `enterprise ${ref.enterpriseId}` : `workspace ${ref.teamId}`}`);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      // a workspace inside an org-wide install: its own installation first, then the enterprise's
      const own = query.isEnterpriseInstall ? null : await fetch(refOf({ ...query, isEnterpriseInstall: false }));
      const found = own ?? (query.enterpriseId ? await fetch(refOf({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true })) : null);
      if (!found) throw new Error(`no installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `workspace ${query.teamId}`}`);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await this.forget(refOf(query));
    },
    async forget(ref) {
      cache.delete(installationKey(ref));
      return store.deleteInstallation(ref);
    },
    async botToken(teamId) {
      return (await fetch(refOf({ teamId })))?.bot?.token ?? null;
    },
  };
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
  `<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">${body}</body></html>`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a person sees after installing: how to use the bot. */
function installedPage(team: string, command: string): string {
  return page(
    'peel-bot is installed',
    `<h1>peel-bot is installed in ${escapeHtml(team)}</h1>` +
      `<p>Ask about HMIC PEEL inspection reports in Slack; every answer quotes the report with its section and page.</p><ul>` +
      `<li><b>Mention it</b> in a channel it is in: <code>@peel-bot how good is Cleveland at investigating crime?</code> (invite it first: <code>/invite @peel-bot</code>)</li>` +
      `<li><b>Message it</b> directly, or use <code>${escapeHtml(command)} judgment</code>, <code>${escapeHtml(command)} help</code></li>` +
      `<li><b>Daily digest</b>: <code>${escapeHtml(command)} digest on 08:30 Europe/London</code> posts one cited finding a day in that channel</li></ul>`,
  );
}

/** What a person sees when an install fails: what to do, never a stack or a secret. */
function failedPage(code: string): string {
  return page(
    'peel-bot was not installed',
    `<h1>peel-bot was not installed</h1><p>Slack did not complete the installation (${escapeHtml(code)}). ` +
      `Nothing was stored. Start again from the install link; an install link is good for 10 minutes and once only.</p>`,
  );
}

/** The install callbacks: a success page, or a failure page and one log line with the error code. */
export function installCallbacks(logger: Logger, command: string) {
  return {
    success: (installation: AnyInstallation, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(installedPage(installation.team?.name ?? installation.enterprise?.name ?? 'your workspace', command));
    },
    failure: (error: { code?: string; message?: string }, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      const code = error.code ?? 'install_failed';
      logger.warn(`oauth: an install did not complete: ${code}: ${(error.message ?? '').replace(/\s*\n\s*/g, ' ').slice(0, 200)}`);
      res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(failedPage(code));
    },
  };
}

/**
 * app_uninstalled and tokens_revoked (the bot's token): the installation is deleted and the
 * workspace's digests paused with the reason. Either may come first, or alone, or twice; Bolt
 * skips authorisation for both, so they arrive after the token is gone.
 */
export function registerUninstall(app: App, deps: { store: PeelStore; installations: Installations; logger: Logger }): void {
  const uninstall = async (reason: string, body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }) => {
    const ref = refOf({ teamId: body.team_id, enterpriseId: body.enterprise_id, isEnterpriseInstall: body.is_enterprise_install });
    const removed = await deps.installations.forget(ref);
    const paused = body.team_id ? await deps.store.pauseWorkspace(body.team_id, reason) : 0;
    deps.logger.info(`oauth: ${reason} for workspace ${body.team_id ?? body.enterprise_id}: installation ${removed ? 'deleted' : 'already gone'}, ${paused} digest(s) paused`);
  };
  app.event('app_uninstalled', async ({ body }) => {
    await uninstall('app_uninstalled', body);
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // user tokens are not ours to keep; only a revoked bot token ends the installation
    if ((event.tokens.bot ?? []).length > 0) await uninstall('tokens_revoked', body);
  });
}
