/**
 * App Home: publishes the report card (title, overall grade, the four question grades, how to
 * ask) when someone opens the Home tab.
 */
import type { App } from '@slack/bolt';
import { answerQuestion } from '../answer/answer.js';
import type { Knowledge } from '../library/knowledge.js';
import { renderHome, type HomeReport } from '../render/blocks.js';
import { guarded, type SlackDeps } from './answering.js';

/** The report cards, from the same judgment answer `/peel judgment` gives; overall first. */
function homeReports(kb: Knowledge): HomeReport[] {
  const judgments = answerQuestion(kb, '', { intent: 'judgment' }).judgments ?? [];
  return kb.reports.map((report) => {
    const own = judgments.filter((j) => j.report === report.id);
    const isOverall = (j: (typeof own)[number]) => /overall/i.test(j.question) || /overall/i.test(j.title);
    return {
      title: report.title,
      force: report.force,
      inspectorate: report.inspectorate,
      year: report.year,
      pillar: report.pillar,
      judgments: [...own.filter(isOverall), ...own.filter((j) => !isOverall(j))],
    };
  });
}

/** Registers the app_home_opened listener. */
export function registerHome(app: App, deps: SlackDeps): void {
  // the reports do not change while the process runs: build the view once
  let view: ReturnType<typeof renderHome> | null = null;
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await guarded(deps.logger, 'App Home', async () => {
      view ??= renderHome({ reports: homeReports(deps.kb), command: deps.command });
      await client.views.publish({ user_id: event.user, view });
    });
  });
}
