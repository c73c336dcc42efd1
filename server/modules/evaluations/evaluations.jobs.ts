/**
 * The rectification deadline job: an open 整改 past its deadline is flagged overdue (超期), the unit's chiefs,
 * the supervisors and the centre's managers are told, and the change is audited — each in its own transaction.
 */
import { recordEvent } from '../../platform/audit/audit';
import { systemActor, type Clock } from '../../platform/auth/actor';
import { inTransaction, type Db } from '../../platform/db/client';
import type { JobDefinition } from '../../platform/jobs/jobs';
import { OPEN_RECTIFICATION_STATES, type RectificationState } from '../../../common/evaluations';
import { toShanghaiDate } from '../calendar';
import * as repo from './evaluations.repository';

/** Flags the open rectifications whose deadline has passed; returns how many it flagged. Idempotent. */
export async function scanOverdueRectifications(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const today = toShanghaiDate(now);
  let flagged = 0;
  for (const candidate of await repo.listNewlyOverdue(db, today)) {
    await inTransaction(db, async (tx) => {
      const r = await repo.lockRectification(tx, candidate.id);
      if (!r || r.isOverdue || !OPEN_RECTIFICATION_STATES.includes(r.state as RectificationState) || r.deadline >= today) return;
      await repo.updateRectification(tx, r.id, r.version, { isOverdue: true, overdueAt: now }, now);
      const body = `差评整改已超期：整改期限为 ${r.deadline}，请立即整改并完成回访。`;
      await repo.insertNotifications(
        tx,
        (await repo.overdueRecipients(tx, r.regionCode, r.unitId)).map((accountId) => ({ regionCode: r.regionCode, accountId, channel: 'in_app', title: '【整改超期】好差评整改', body })),
      );
      await recordEvent(tx, { actor: systemActor('rectification-scan'), role: 'system', ip: null, requestId: null, regionCode: r.regionCode, clock }, {
        action: 'rectification.overdue',
        subjectType: 'rectification',
        subjectId: r.id,
        before: { isOverdue: false },
        after: { isOverdue: true, deadline: r.deadline },
      });
      flagged++;
    });
  }
  return flagged;
}

export function evaluationJobs(deps: { db: Db; clock: Clock; log: (msg: string, data?: unknown) => void }): JobDefinition[] {
  return [
    {
      name: 'rectification-overdue-scan',
      cron: '7 * * * *',
      handler: async () => {
        const n = await scanOverdueRectifications(deps.db, deps.clock);
        if (n) deps.log('rectifications overdue', { flagged: n });
      },
    },
  ];
}
