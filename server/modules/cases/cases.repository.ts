import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { insertRowsAsJson, insertTablesAsJson, jsonRows, queryPrepared, rowFromJson, type DbOrTx } from '../../platform/db/client';
import { caseBundles, caseCounters, caseEvents, caseMaterials, cases, caseSuspensions, caseTasks, notifications } from './cases.tables';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type TaskRow = typeof caseTasks.$inferSelect;
export type MaterialRow = typeof caseMaterials.$inferSelect;
export type EventRow = typeof caseEvents.$inferSelect;
export type SuspensionRow = typeof caseSuspensions.$inferSelect;

/**
 * The next case number of the day. The counter row stays locked until the transaction ends, so concurrent
 * intakes take turns and a rolled-back intake gives its number back: no gaps, no duplicates.
 */
export async function nextCaseSequence(tx: DbOrTx, regionCode: string, day: string): Promise<number> {
  const [row] = await tx
    .insert(caseCounters)
    .values({ regionCode, day, last: 1 })
    .onConflictDoUpdate({ target: [caseCounters.regionCode, caseCounters.day], set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return row!.last;
}

/**
 * Inserts new cases of one region and day with the day's next numbers, in the order given, in one statement
 * (the counter moves once by their number; its row stays locked until the transaction ends, so the day's numbers
 * have no gaps). `prefix` is what precedes the zero-padded serial.
 */
export async function insertCasesWithNextNumbers(tx: DbOrTx, values: Omit<NewCaseRow, 'number'>[], regionCode: string, day: string, prefix: string): Promise<CaseRow[]> {
  if (values.length === 0) return [];
  const n = values.length;
  const parts = jsonRows(cases, values, [{ name: 'ord', type: 'integer', values: values.map((_, i) => i + 1) }]);
  if (!parts) throw new Error('insertCasesWithNextNumbers: the rows must be plain values that all set the same columns');
  const rows = await queryPrepared<Record<string, unknown>>(
    tx,
    sql`with next as (
        insert into case_counters (region_code, day, last) values (${regionCode}, ${day}, ${n})
        on conflict (region_code, day) do update set last = case_counters.last + ${n} returning last)
      insert into cases (${parts.columns}, number)
      select ${parts.columns}, ${prefix} || lpad((next.last - ${n} + x.ord)::text, greatest(4, length((next.last - ${n} + x.ord)::text)), '0')
      from next, ${parts.source}
      returning *`,
  );
  return rows.map((r) => rowFromJson(cases, r));
}

export async function insertCase(tx: DbOrTx, values: NewCaseRow): Promise<CaseRow> {
  const [row] = await tx.insert(cases).values(values).returning();
  return row!;
}

export async function findCase(tx: DbOrTx, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id));
  return row;
}

export async function findCaseByNumber(tx: DbOrTx, regionCode: string, number: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(and(eq(cases.regionCode, regionCode), eq(cases.number, number)));
  return row;
}

/** Locks the case row: every change of a case goes through here, so its transitions never interleave. */
export async function lockCase(tx: DbOrTx, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
  return row;
}

/**
 * Locks the case a task belongs to, found through the task in the same statement: the lock-then-check of a
 * task action in one round trip instead of two.
 */
export async function lockCaseOfTask(tx: DbOrTx, taskId: string): Promise<CaseRow | undefined> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(eq(cases.id, sql`(select ${caseTasks.caseId} from ${caseTasks} where ${caseTasks.id} = ${taskId})`))
    .for('update');
  return row;
}

export async function updateCase(tx: DbOrTx, id: string, values: Partial<NewCaseRow>): Promise<CaseRow> {
  const [row] = await tx
    .update(cases)
    .set({ ...values, version: sql`${cases.version} + 1`, updatedAt: sql`now()` })
    .where(eq(cases.id, id))
    .returning();
  return row!;
}

export async function listTasksOfCase(tx: DbOrTx, caseId: string): Promise<TaskRow[]> {
  return tx.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.createdAt));
}

export async function findTask(tx: DbOrTx, id: string): Promise<TaskRow | undefined> {
  const [row] = await tx.select().from(caseTasks).where(eq(caseTasks.id, id));
  return row;
}

export async function findOpenTask(tx: DbOrTx, caseId: string, key: string): Promise<TaskRow | undefined> {
  const [row] = await tx
    .select()
    .from(caseTasks)
    .where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.key, key), eq(caseTasks.status, 'open')));
  return row;
}

/** A new task; `unitCode`, when set, names the task's unit by code and wins over `unitId` if the unit exists. */
export type NewTaskRow = typeof caseTasks.$inferInsert & { unitCode: string | null };

export async function insertTasks(tx: DbOrTx, values: NewTaskRow[]): Promise<void> {
  const statement = taskInsert(values);
  if (statement) await tx.execute(statement);
}

/** The insert of new tasks, their unit codes resolved in the statement; null when there are none. */
function taskInsert(values: NewTaskRow[]): SQL | null {
  if (values.length === 0) return null;
  const parts = jsonRows(
    caseTasks,
    values.map(({ unitCode: _code, ...row }) => row),
    [{ name: 'unit_code', type: 'text', values: values.map((v) => v.unitCode) }],
  );
  if (!parts) throw new Error('taskInsert: the task rows must be plain values that all set the same columns');
  const select = parts.names.map((n) =>
    n === 'unit_id' ? 'coalesce((select u.id from org_units u where u.region_code = x.region_code and u.code = x.unit_code), x.unit_id)' : `x."${n}"`,
  );
  return sql`insert into ${caseTasks} (${parts.columns}) select ${sql.raw(select.join(', '))} from ${parts.source}`;
}

/** Updates a task when its version still matches; undefined means someone else changed it first. */
export async function updateTaskIfVersion(
  tx: DbOrTx,
  id: string,
  version: number,
  values: Partial<typeof caseTasks.$inferInsert>,
): Promise<TaskRow | undefined> {
  const [row] = await tx
    .update(caseTasks)
    .set({ ...values, version: sql`${caseTasks.version} + 1` })
    .where(and(eq(caseTasks.id, id), eq(caseTasks.version, version)))
    .returning();
  return row;
}

export async function closeOpenTask(
  tx: DbOrTx,
  caseId: string,
  key: string,
  values: Partial<typeof caseTasks.$inferInsert>,
): Promise<TaskRow | undefined> {
  const [row] = await tx
    .update(caseTasks)
    .set({ ...values, version: sql`${caseTasks.version} + 1` })
    .where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.key, key), eq(caseTasks.status, 'open')))
    .returning();
  return row;
}

export async function moveOpenTask(tx: DbOrTx, caseId: string, key: string, dueDate: string): Promise<void> {
  await tx
    .update(caseTasks)
    .set({ dueDate, version: sql`${caseTasks.version} + 1` })
    .where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.key, key), eq(caseTasks.status, 'open')));
}

export interface InboxFilter {
  regionCode: string;
  roles: string[];
  unitId: string | null;
  assigneeId: string;
  /** 'mine': claimed by me; 'available': unclaimed in my roles and unit; 'all': both. */
  view: 'mine' | 'available' | 'all';
  limit: number;
  offset: number;
}

/** Open tasks an actor may work on: their roles, and for unit-bound tasks their unit. */
export async function listInbox(tx: DbOrTx, f: InboxFilter) {
  const inScope = and(
    inArray(caseTasks.role, f.roles.length ? f.roles : ['-']),
    f.unitId ? or(isNull(caseTasks.unitId), eq(caseTasks.unitId, f.unitId)) : isNull(caseTasks.unitId),
  )!;
  const conditions: SQL[] = [eq(caseTasks.regionCode, f.regionCode), eq(caseTasks.status, 'open')];
  if (f.view === 'mine') conditions.push(eq(caseTasks.assigneeId, f.assigneeId));
  else if (f.view === 'available') conditions.push(isNull(caseTasks.assigneeId), inScope);
  else conditions.push(or(eq(caseTasks.assigneeId, f.assigneeId), and(isNull(caseTasks.assigneeId), inScope))!);
  const where = and(...conditions);
  const rows = await tx
    .select({ task: caseTasks, case: cases })
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .where(where)
    .orderBy(asc(sql`coalesce(${caseTasks.dueDate}, '9999-12-31')`), asc(caseTasks.createdAt))
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await tx.select({ n: count() }).from(caseTasks).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** A new case's checklist, tasks, timeline and notices, in one statement. */
export async function insertCaseChildren(
  tx: DbOrTx,
  rows: {
    materials: (typeof caseMaterials.$inferInsert)[];
    tasks: NewTaskRow[];
    events: (typeof caseEvents.$inferInsert)[];
    notifications: (typeof notifications.$inferInsert)[];
  },
): Promise<void> {
  await insertTablesAsJson(tx, [
    { table: caseMaterials, rows: rows.materials },
    taskInsert(rows.tasks),
    { table: caseEvents, rows: rows.events },
    { table: notifications, rows: rows.notifications },
  ]);
}

export async function insertMaterials(tx: DbOrTx, values: (typeof caseMaterials.$inferInsert)[]): Promise<void> {
  await insertRowsAsJson(tx, caseMaterials, values);
}

export async function listMaterialsOfCase(tx: DbOrTx, caseId: string): Promise<MaterialRow[]> {
  return tx.select().from(caseMaterials).where(eq(caseMaterials.caseId, caseId)).orderBy(asc(caseMaterials.sort));
}

export async function updateMaterial(tx: DbOrTx, id: string, values: Partial<typeof caseMaterials.$inferInsert>): Promise<void> {
  await tx.update(caseMaterials).set({ ...values, updatedAt: sql`now()` }).where(eq(caseMaterials.id, id));
}

export async function insertEvents(tx: DbOrTx, values: (typeof caseEvents.$inferInsert)[]): Promise<void> {
  await insertRowsAsJson(tx, caseEvents, values);
}

export async function listEvents(tx: DbOrTx, caseId: string, publicOnly: boolean): Promise<EventRow[]> {
  const where = publicOnly ? and(eq(caseEvents.caseId, caseId), eq(caseEvents.isPublic, true)) : eq(caseEvents.caseId, caseId);
  return tx.select().from(caseEvents).where(where).orderBy(asc(caseEvents.id));
}

/** Everything the case view shows besides the case row, with the names it needs. */
export interface CaseView {
  tasks: TaskRow[];
  materials: MaterialRow[];
  events: EventRow[];
  suspensions: SuspensionRow[];
  accountNames: Map<string, string>;
  unitNames: Map<string, string>;
  windowName: string | null;
  townshipName: string | null;
}

/**
 * The case view's tasks, materials, timeline, suspensions and names in one statement (they were nine), each
 * list in the order its own query gives: tasks by creation, materials by checklist order, events by id.
 */
export async function loadCaseView(tx: DbOrTx, c: CaseRow, options: { publicEventsOnly: boolean }): Promise<CaseView> {
  return (await loadCaseViews(tx, [c], options))[0]!;
}

/** loadCaseView of several cases in one statement (a group commit's new cases), in the order given. */
export async function loadCaseViews(tx: DbOrTx, list: CaseRow[], options: { publicEventsOnly: boolean }): Promise<CaseView[]> {
  if (list.length === 0) return [];
  const wanted = list.map((c) => ({
    id: c.id,
    first_responder_id: c.firstResponderId,
    accepted_by_id: c.acceptedById,
    executing_unit_id: c.executingUnitId,
    window_id: c.windowId,
    township_code: c.townshipCode,
  }));
  const rows = await queryPrepared<{
    id: string;
    tasks: Record<string, unknown>[];
    materials: Record<string, unknown>[];
    events: Record<string, unknown>[];
    suspensions: Record<string, unknown>[];
    account_names: Record<string, string>;
    unit_names: Record<string, string>;
    window_name: string | null;
    township_name: string | null;
  }>(
    tx,
    sql`select c.id,
      coalesce((select json_agg(t order by t.created_at) from case_tasks t where t.case_id = c.id), '[]') as tasks,
      coalesce((select json_agg(m order by m.sort) from case_materials m where m.case_id = c.id), '[]') as materials,
      coalesce((select json_agg(e order by e.id) from case_events e where e.case_id = c.id${options.publicEventsOnly ? sql` and e.is_public` : sql``}), '[]') as events,
      coalesce((select json_agg(s order by s.started_on) from case_suspensions s where s.case_id = c.id), '[]') as suspensions,
      coalesce((select json_object_agg(a.id, a.display_name) from accounts a
        where a.id = c.first_responder_id or a.id = c.accepted_by_id
          or a.id in (select t.assignee_id from case_tasks t where t.case_id = c.id union select t.completed_by_id from case_tasks t where t.case_id = c.id)), '{}') as account_names,
      coalesce((select json_object_agg(u.id, u.name) from org_units u
        where u.id = c.executing_unit_id or u.id in (select t.unit_id from case_tasks t where t.case_id = c.id)), '{}') as unit_names,
      (select w.code || ' ' || w.name from windows w where w.id = c.window_id) as window_name,
      (select tw.name from townships tw where tw.code = c.township_code) as township_name
    from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb)
      as c(id uuid, first_responder_id uuid, accepted_by_id uuid, executing_unit_id uuid, window_id uuid, township_code text)`,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return list.map((c) => {
    const row = byId.get(c.id)!;
    return {
      tasks: row.tasks.map((r) => rowFromJson(caseTasks, r)),
      materials: row.materials.map((r) => rowFromJson(caseMaterials, r)),
      events: row.events.map((r) => rowFromJson(caseEvents, r)),
      suspensions: row.suspensions.map((r) => rowFromJson(caseSuspensions, r)),
      accountNames: new Map(Object.entries(row.account_names)),
      unitNames: new Map(Object.entries(row.unit_names)),
      windowName: row.window_name,
      townshipName: row.township_name,
    };
  });
}

export async function startSuspension(tx: DbOrTx, caseId: string, reason: string, startedOn: string, note: string): Promise<void> {
  await tx.insert(caseSuspensions).values({ caseId, reason, startedOn, note });
}

export async function endSuspension(tx: DbOrTx, caseId: string, endedOn: string, workingDays: number): Promise<void> {
  await tx
    .update(caseSuspensions)
    .set({ endedOn, workingDays })
    .where(and(eq(caseSuspensions.caseId, caseId), isNull(caseSuspensions.endedOn)));
}

export async function listSuspensions(tx: DbOrTx, caseId: string): Promise<SuspensionRow[]> {
  return tx.select().from(caseSuspensions).where(eq(caseSuspensions.caseId, caseId)).orderBy(asc(caseSuspensions.startedOn));
}

export async function insertNotification(tx: DbOrTx, values: typeof notifications.$inferInsert): Promise<void> {
  await tx.insert(notifications).values(values);
}

export async function insertNotifications(tx: DbOrTx, values: (typeof notifications.$inferInsert)[]): Promise<void> {
  await insertRowsAsJson(tx, notifications, values);
}

export interface CaseFilter {
  regionCode: string;
  q?: string;
  phase?: string[];
  itemId?: string;
  unitId?: string;
  departmentId?: string;
  townshipCode?: string;
  applicantAccountId?: string;
  firstResponderId?: string;
  /** Cases where this unit has (or had) a task. */
  taskUnitId?: string;
  /** Cases where this account has acted on a task. */
  taskActorId?: string;
  warning?: string;
  dueBefore?: string;
  dueOnOrBefore?: string;
  acceptedFrom?: string;
  acceptedTo?: string;
  bundleId?: string;
}

function caseWhere(f: CaseFilter): SQL {
  const c: SQL[] = [eq(cases.regionCode, f.regionCode)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(cases.number, like), ilike(cases.applicantName, like), ilike(cases.itemName, like), eq(cases.applicantIdNumber, f.q.toUpperCase()))!);
  }
  if (f.phase?.length) c.push(inArray(cases.phase, f.phase));
  if (f.itemId) c.push(eq(cases.itemId, f.itemId));
  if (f.unitId) c.push(eq(cases.executingUnitId, f.unitId));
  if (f.departmentId) c.push(eq(cases.originDepartmentId, f.departmentId));
  if (f.townshipCode) c.push(eq(cases.townshipCode, f.townshipCode));
  if (f.applicantAccountId) c.push(eq(cases.applicantAccountId, f.applicantAccountId));
  if (f.firstResponderId) c.push(eq(cases.firstResponderId, f.firstResponderId));
  if (f.warning) c.push(eq(cases.warning, f.warning));
  if (f.dueBefore) c.push(lt(cases.dueDate, f.dueBefore));
  if (f.dueOnOrBefore) c.push(lte(cases.dueDate, f.dueOnOrBefore));
  if (f.acceptedFrom) c.push(gte(cases.acceptedOn, f.acceptedFrom));
  if (f.acceptedTo) c.push(lte(cases.acceptedOn, f.acceptedTo));
  if (f.bundleId) c.push(eq(cases.bundleId, f.bundleId));
  const scopes: SQL[] = [];
  if (f.taskUnitId) scopes.push(sql`exists (select 1 from case_tasks t where t.case_id = cases.id and t.unit_id = ${f.taskUnitId})`);
  if (f.taskActorId) {
    scopes.push(sql`exists (select 1 from case_tasks t where t.case_id = cases.id and (t.assignee_id = ${f.taskActorId} or t.completed_by_id = ${f.taskActorId}))`);
  }
  if (scopes.length) c.push(or(...scopes)!);
  return and(...c)!;
}

export async function listCases(tx: DbOrTx, f: CaseFilter, page: { limit: number; offset: number }, order: 'due' | 'recent' = 'recent') {
  const where = caseWhere(f);
  const rows = await tx
    .select()
    .from(cases)
    .where(where)
    // Cases without a due date last (ascending order puts nulls last), then by number: the order of the
    // cases_phase_due index, so the supervisors' first page is read off the index instead of sorting every match.
    .orderBy(...(order === 'due' ? [asc(cases.dueDate), asc(cases.number)] : [desc(cases.createdAt), desc(cases.number)]))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(cases).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Cases whose clock runs and whose due date is near or past: the deadline job's work list. */
export async function listRunningWithDue(tx: DbOrTx, regionCode: string | null, dueOnOrBefore: string, afterId: string | null, limit: number) {
  const c: SQL[] = [eq(cases.phase, 'in_progress'), lte(cases.dueDate, dueOnOrBefore)];
  if (regionCode) c.push(eq(cases.regionCode, regionCode));
  if (afterId) c.push(sql`${cases.id} > ${afterId}`);
  return tx.select().from(cases).where(and(...c)).orderBy(asc(cases.id)).limit(limit);
}

export async function setWarning(tx: DbOrTx, id: string, warning: string): Promise<void> {
  await tx.update(cases).set({ warning }).where(eq(cases.id, id));
}

export async function listNotificationsOf(tx: DbOrTx, accountId: string, page: { limit: number; offset: number }) {
  const where = and(eq(notifications.accountId, accountId), eq(notifications.channel, 'in_app'));
  const rows = await tx.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(notifications).where(where);
  const [unread] = await tx.select({ n: count() }).from(notifications).where(and(where, isNull(notifications.readAt)));
  return { rows, total: Number(total?.n ?? 0), unread: Number(unread?.n ?? 0) };
}

export async function markNotificationRead(tx: DbOrTx, accountId: string, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Regions with running cases (one installation may host several counties). */
export async function listRegionsWithRunningCases(tx: DbOrTx): Promise<string[]> {
  const rows = await tx.selectDistinct({ regionCode: cases.regionCode }).from(cases).where(eq(cases.phase, 'in_progress'));
  return rows.map((r) => r.regionCode);
}

/** Running cases whose warning level may have to change: due by the horizon, or flagged but no longer due soon. */
export async function listWarningCandidates(tx: DbOrTx, regionCode: string, horizon: string) {
  return tx
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.regionCode, regionCode),
        eq(cases.phase, 'in_progress'),
        or(lte(cases.dueDate, horizon), sql`${cases.warning} <> 'none'`),
      ),
    )
    .orderBy(asc(cases.dueDate));
}

/** Who should hear about a case's deadline: the assignees of its open tasks, else the staff of the task's role and unit. */
export async function responsibleAccounts(tx: DbOrTx, caseId: string): Promise<string[]> {
  const rows = await tx.execute(sql`
    select distinct coalesce(t.assignee_id, a.id) as id
    from case_tasks t
    left join accounts a on t.assignee_id is null and a.status = 'active' and t.role = any(a.roles)
      and (t.unit_id is null or a.org_unit_id = t.unit_id) and a.region_code = t.region_code
    where t.case_id = ${caseId} and t.status = 'open'
    limit 20`);
  return ((rows as unknown as { rows: { id: string | null }[] }).rows ?? []).map((r) => r.id).filter((id): id is string => !!id);
}

/** Supervisors of a region (电子监察): they hear of every overdue case. */
export async function supervisorAccounts(tx: DbOrTx, regionCode: string): Promise<string[]> {
  const rows = await tx.execute(sql`select id from accounts where region_code = ${regionCode} and status = 'active' and 'supervisor' = any(roles) limit 20`);
  return ((rows as unknown as { rows: { id: string }[] }).rows ?? []).map((r) => r.id);
}

/** Notices still to send through the transport; locked so that two workers never send one twice. */
export async function claimOutgoing(tx: DbOrTx, limit: number) {
  return tx
    .select()
    .from(notifications)
    .where(and(inArray(notifications.channel, ['sms', 'email']), isNull(notifications.sentAt)))
    .orderBy(asc(notifications.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markSent(tx: DbOrTx, ids: string[], at: Date): Promise<void> {
  if (ids.length) await tx.update(notifications).set({ sentAt: at }).where(inArray(notifications.id, ids));
}

export type BundleRow = typeof caseBundles.$inferSelect;

export async function insertBundle(tx: DbOrTx, values: typeof caseBundles.$inferInsert): Promise<BundleRow> {
  const [row] = await tx.insert(caseBundles).values(values).returning();
  return row!;
}

export async function findBundle(tx: DbOrTx, id: string): Promise<BundleRow | undefined> {
  const [row] = await tx.select().from(caseBundles).where(eq(caseBundles.id, id));
  return row;
}

export async function listCasesOfBundle(tx: DbOrTx, bundleId: string): Promise<CaseRow[]> {
  return tx.select().from(cases).where(eq(cases.bundleId, bundleId)).orderBy(asc(cases.number));
}

/** Marks the bundle closed once none of its sub-cases is still running. */
export async function closeBundleIfDone(tx: DbOrTx, bundleId: string, at: Date): Promise<boolean> {
  const open = await tx
    .select({ n: count() })
    .from(cases)
    .where(and(eq(cases.bundleId, bundleId), inArray(cases.phase, ['draft', 'submitted', 'awaiting_materials', 'in_progress', 'suspended'])));
  if (Number(open[0]?.n ?? 0) > 0) return false;
  const rows = await tx.update(caseBundles).set({ closedAt: at }).where(and(eq(caseBundles.id, bundleId), isNull(caseBundles.closedAt))).returning({ id: caseBundles.id });
  return rows.length > 0;
}
