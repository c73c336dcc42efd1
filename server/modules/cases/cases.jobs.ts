/**
 * The background work of cases: yellow and red deadline warnings (限时办结 预警/超期) and the notification outbox.
 * Each is a plain function of the database and the clock (tested directly) and runs as a pg-boss job.
 */
import { recordEvent } from '../../platform/audit/audit';
import { systemActor, type Clock } from '../../platform/auth/actor';
import { inTransaction, type Db } from '../../platform/db/client';
import type { JobDefinition } from '../../platform/jobs/jobs';
import type { NotificationTransport } from '../../platform/notify/transport';
import { getWorkingCalendar, toShanghaiDate } from '../calendar';
import * as repo from './cases.repository';

function workingDaysBetween(calendar: { countWorkingDays(from: string, to: string): number }, from: string, to: string): number {
  try {
    return calendar.countWorkingDays(from, to);
  } catch {
    return 0;
  }
}

export interface DeadlineScanResult {
  yellow: number;
  red: number;
  cleared: number;
}

const LEVEL_TEXT = {
  yellow: (days: number, due: string) => `临近办结期限：距承诺办结日期 ${due} 还有 ${days} 个工作日，请抓紧办理。`,
  red: (days: number, due: string) => `已超期：承诺办结日期为 ${due}，已超过 ${days} 个工作日，请立即办理并说明情况。`,
};

/**
 * Raises a yellow warning `warningDays` working days before the due date and a red one once it has passed, and
 * lowers it when an extension moved the date. Each change is its own transaction with its audit entry.
 */
export async function scanDeadlines(db: Db, clock: Clock, warningDays: number): Promise<DeadlineScanResult> {
  const result: DeadlineScanResult = { yellow: 0, red: 0, cleared: 0 };
  const now = clock.now();
  const today = toShanghaiDate(now);
  for (const regionCode of await repo.listRegionsWithRunningCases(db)) {
    const calendar = await getWorkingCalendar(db, regionCode);
    let horizon: string;
    try {
      horizon = calendar.addWorkingDays(today, warningDays);
    } catch {
      horizon = today;
    }
    for (const c of await repo.listWarningCandidates(db, regionCode, horizon)) {
      if (!c.dueDate) continue;
      const level = c.dueDate < today ? 'red' : c.dueDate <= horizon ? 'yellow' : 'none';
      if (level === c.warning) continue;
      await inTransaction(db, async (tx) => {
        const locked = await repo.lockCase(tx, c.id);
        if (!locked || locked.phase !== 'in_progress' || locked.dueDate !== c.dueDate || locked.warning === level) return;
        await repo.setWarning(tx, c.id, level);
        if (level !== 'none') {
          const days = workingDaysBetween(calendar, level === 'red' ? c.dueDate! : today, level === 'red' ? today : c.dueDate!);
          const body = LEVEL_TEXT[level](days, c.dueDate!);
          const recipients = new Set(await repo.responsibleAccounts(tx, c.id));
          if (level === 'red') for (const id of await repo.supervisorAccounts(tx, regionCode)) recipients.add(id);
          for (const accountId of recipients) {
            await repo.insertNotification(tx, { regionCode, accountId, caseId: c.id, channel: 'in_app', title: `${level === 'red' ? '【超期】' : '【预警】'}${c.itemName}（${c.number}）`, body });
          }
          await repo.insertEvents(tx, [{ caseId: c.id, at: now, type: `warning_${level}`, actorId: null, actorName: '系统', isPublic: false, data: { dueDate: c.dueDate, days } }]);
        }
        await recordEvent(tx, { actor: systemActor('deadline-scan'), role: 'system', ip: null, requestId: null, regionCode, clock }, {
          action: 'case.warning',
          subjectType: 'case',
          subjectId: c.id,
          before: { warning: locked.warning },
          after: { warning: level, dueDate: c.dueDate },
        });
        if (level === 'none') result.cleared++;
        else result[level]++;
      });
    }
  }
  return result;
}

/** Sends queued SMS and e-mail notices through the transport and marks them sent. */
export async function dispatchNotifications(db: Db, clock: Clock, transport: NotificationTransport, batch = 100): Promise<number> {
  let sent = 0;
  for (;;) {
    const count = await inTransaction(db, async (tx) => {
      const rows = await repo.claimOutgoing(tx, batch);
      const done: string[] = [];
      for (const n of rows) {
        if (!n.address) {
          done.push(n.id);
          continue;
        }
        await transport.send({ channel: n.channel as 'sms' | 'email', address: n.address, title: n.title, body: n.body });
        done.push(n.id);
      }
      await repo.markSent(tx, done, clock.now());
      return done.length;
    });
    sent += count;
    if (count < batch) return sent;
  }
}

export function caseJobs(deps: { db: Db; clock: Clock; warningDays: number; transport: NotificationTransport; log: (msg: string, data?: unknown) => void }): JobDefinition[] {
  return [
    {
      name: 'case-deadline-scan',
      cron: '*/5 * * * *',
      handler: async () => {
        const r = await scanDeadlines(deps.db, deps.clock, deps.warningDays);
        if (r.yellow || r.red || r.cleared) deps.log('deadline warnings', r);
      },
    },
    {
      name: 'notification-dispatch',
      cron: '* * * * *',
      handler: async () => {
        await dispatchNotifications(deps.db, deps.clock, deps.transport);
      },
    },
  ];
}
