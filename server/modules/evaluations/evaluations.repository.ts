/** The only code touching the 好差评 and complaint tables (and reading the case, window and unit it needs). */
import { aliasedTable, and, count, desc, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_RECTIFICATION_STATES } from '../../../common/evaluations';
import { queryRows, type DbOrTx } from '../../platform/db/client';
import { cases, notifications } from '../cases/cases.tables';
import { accounts } from '../identity/identity.tables';
import { orgUnits, windows } from '../org/org.tables';
import { complaintCounters, complaints, evaluations, evaluationSettings, rectifications, visitTokens } from './evaluations.tables';

export type EvaluationRow = typeof evaluations.$inferSelect;
export type RectificationRow = typeof rectifications.$inferSelect;
export type ComplaintRow = typeof complaints.$inferSelect;
export type VisitTokenRow = typeof visitTokens.$inferSelect;

export const DEFAULT_SETTINGS = { rectificationDays: 5, visitTokenMinutes: 30 };

export async function getSettings(tx: DbOrTx, regionCode: string): Promise<{ rectificationDays: number; visitTokenMinutes: number }> {
  const [row] = await tx.select().from(evaluationSettings).where(eq(evaluationSettings.regionCode, regionCode));
  return row ? { rectificationDays: row.rectificationDays, visitTokenMinutes: row.visitTokenMinutes } : DEFAULT_SETTINGS;
}

export async function putSettings(tx: DbOrTx, regionCode: string, values: { rectificationDays: number; visitTokenMinutes: number; updatedById: string | null; at: Date }) {
  await tx
    .insert(evaluationSettings)
    .values({ regionCode, rectificationDays: values.rectificationDays, visitTokenMinutes: values.visitTokenMinutes, updatedById: values.updatedById, updatedAt: values.at })
    .onConflictDoUpdate({
      target: evaluationSettings.regionCode,
      set: { rectificationDays: values.rectificationDays, visitTokenMinutes: values.visitTokenMinutes, updatedById: values.updatedById, updatedAt: values.at },
    });
}

/** What an evaluation needs to know of a case. */
export async function findCaseFacts(tx: DbOrTx, caseId: string) {
  const [row] = await tx
    .select({
      id: cases.id,
      regionCode: cases.regionCode,
      number: cases.number,
      itemName: cases.itemName,
      phase: cases.phase,
      applicantAccountId: cases.applicantAccountId,
      applicantName: cases.applicantName,
      applicantPhone: cases.applicantPhone,
      contactName: cases.contactName,
      contactPhone: cases.contactPhone,
      executingUnitId: cases.executingUnitId,
      originDepartmentId: cases.originDepartmentId,
      windowId: cases.windowId,
      acceptedOn: cases.acceptedOn,
      closedAt: cases.closedAt,
    })
    .from(cases)
    .where(eq(cases.id, caseId));
  return row;
}
export type CaseFacts = NonNullable<Awaited<ReturnType<typeof findCaseFacts>>>;

export async function findWindow(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(windows).where(eq(windows.id, id));
  return row;
}

/** The unit answerable for a comprehensive window (no unit of its own): the centre, else the bureau. */
export async function findCentreUnit(tx: DbOrTx, regionCode: string): Promise<string | undefined> {
  const rows = await tx
    .select({ id: orgUnits.id, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.regionCode, regionCode), inArray(orgUnits.kind, ['centre', 'bureau'])));
  return (rows.find((r) => r.kind === 'centre') ?? rows.find((r) => r.kind === 'bureau'))?.id;
}

export async function findUnit(tx: DbOrTx, id: string) {
  const [row] = await tx.select({ id: orgUnits.id, regionCode: orgUnits.regionCode, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function findAccountContact(tx: DbOrTx, id: string) {
  const [row] = await tx.select({ displayName: accounts.displayName, phone: accounts.phone }).from(accounts).where(eq(accounts.id, id));
  return row;
}

// ─── evaluations ────────────────────────────────────────────────────────────────────────────────────────────

export async function findEvaluationOf(tx: DbOrTx, caseId: string, subject: string): Promise<EvaluationRow | undefined> {
  const [row] = await tx.select().from(evaluations).where(and(eq(evaluations.caseId, caseId), eq(evaluations.subject, subject)));
  return row;
}

/** Inserts an evaluation; undefined when the case already has one of this subject (一事一评, raced). */
export async function insertEvaluation(tx: DbOrTx, values: typeof evaluations.$inferInsert): Promise<EvaluationRow | undefined> {
  const [row] = await tx.insert(evaluations).values(values).onConflictDoNothing().returning();
  return row;
}

export async function setEvaluationValidity(tx: DbOrTx, id: string, isValid: boolean): Promise<void> {
  await tx.update(evaluations).set({ isValid }).where(eq(evaluations.id, id));
}

const unitOfEvaluation = aliasedTable(orgUnits, 'eval_unit');

/** One evaluation with the names it is shown with. */
function evaluationSelect() {
  return {
    evaluation: evaluations,
    caseNumber: cases.number,
    itemName: cases.itemName,
    windowName: windows.name,
    unitName: unitOfEvaluation.name,
    rectification: { id: rectifications.id, state: rectifications.state, deadline: rectifications.deadline, isOverdue: rectifications.isOverdue },
  };
}

function evaluationFrom(tx: DbOrTx) {
  return tx
    .select(evaluationSelect())
    .from(evaluations)
    .leftJoin(cases, eq(cases.id, evaluations.caseId))
    .leftJoin(windows, eq(windows.id, evaluations.windowId))
    .innerJoin(unitOfEvaluation, eq(unitOfEvaluation.id, evaluations.unitId))
    .leftJoin(rectifications, eq(rectifications.evaluationId, evaluations.id));
}
export type EvaluationListRow = Awaited<ReturnType<typeof evaluationFrom>>[number];

export async function findEvaluationView(tx: DbOrTx, id: string): Promise<EvaluationListRow | undefined> {
  const [row] = await evaluationFrom(tx).where(eq(evaluations.id, id));
  return row;
}

/** Which evaluations a caller may see: everything of the region, or one unit's, or one department's. */
export interface EvaluationScope {
  regionCode: string;
  unitId?: string;
  departmentId?: string;
  evaluatorAccountId?: string;
}

export interface EvaluationFilter extends EvaluationScope {
  level?: number;
  subject?: string;
  filterUnitId?: string;
  caseId?: string;
  from?: string;
  to?: string;
  badOnly?: boolean;
}

function scopeConditions(s: EvaluationScope): SQL[] {
  const c: SQL[] = [eq(evaluations.regionCode, s.regionCode)];
  if (s.unitId) c.push(eq(evaluations.unitId, s.unitId));
  if (s.departmentId) c.push(or(eq(evaluations.departmentId, s.departmentId), eq(evaluations.unitId, s.departmentId))!);
  if (s.evaluatorAccountId) c.push(eq(evaluations.evaluatorAccountId, s.evaluatorAccountId));
  return c;
}

/** A local date range over created_at, in Asia/Shanghai. */
function dateRange(from?: string, to?: string): SQL[] {
  const c: SQL[] = [];
  if (from) c.push(gte(evaluations.createdAt, new Date(`${from}T00:00:00+08:00`)));
  if (to) c.push(lt(evaluations.createdAt, new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000)));
  return c;
}

export async function listEvaluations(tx: DbOrTx, f: EvaluationFilter, page: { limit: number; offset: number }) {
  const c = scopeConditions(f);
  if (f.level) c.push(eq(evaluations.level, f.level));
  if (f.subject) c.push(eq(evaluations.subject, f.subject));
  if (f.filterUnitId) c.push(eq(evaluations.unitId, f.filterUnitId));
  if (f.caseId) c.push(eq(evaluations.caseId, f.caseId));
  if (f.badOnly) c.push(lte(evaluations.level, 2));
  c.push(...dateRange(f.from, f.to));
  const where = and(...c);
  const rows = await evaluationFrom(tx).where(where).orderBy(desc(evaluations.createdAt)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(evaluations).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

// ─── rectifications ─────────────────────────────────────────────────────────────────────────────────────────

export async function insertRectification(tx: DbOrTx, values: typeof rectifications.$inferInsert): Promise<RectificationRow> {
  const [row] = await tx.insert(rectifications).values(values).returning();
  return row!;
}

export async function findRectification(tx: DbOrTx, id: string): Promise<RectificationRow | undefined> {
  const [row] = await tx.select().from(rectifications).where(eq(rectifications.id, id));
  return row;
}

export async function lockRectification(tx: DbOrTx, id: string): Promise<RectificationRow | undefined> {
  const [row] = await tx.select().from(rectifications).where(eq(rectifications.id, id)).for('update');
  return row;
}

/** Writes a change when the version still matches; undefined when someone else changed it first. */
export async function updateRectification(tx: DbOrTx, id: string, version: number, values: Partial<typeof rectifications.$inferInsert>, at: Date) {
  const [row] = await tx
    .update(rectifications)
    .set({ ...values, version: sql`${rectifications.version} + 1`, updatedAt: at })
    .where(and(eq(rectifications.id, id), eq(rectifications.version, version)))
    .returning();
  return row;
}

export interface RectificationFilter extends EvaluationScope {
  state?: string;
  openOnly?: boolean;
  overdueOnly?: boolean;
  filterUnitId?: string;
}

export async function listRectifications(tx: DbOrTx, f: RectificationFilter, page: { limit: number; offset: number }) {
  const c = scopeConditions(f);
  if (f.state) c.push(eq(rectifications.state, f.state));
  if (f.openOnly) c.push(inArray(rectifications.state, [...OPEN_RECTIFICATION_STATES]));
  if (f.overdueOnly) c.push(eq(rectifications.isOverdue, true));
  if (f.filterUnitId) c.push(eq(rectifications.unitId, f.filterUnitId));
  const where = and(...c);
  const rows = await tx
    .select({ rectification: rectifications, evaluationId: evaluations.id })
    .from(rectifications)
    .innerJoin(evaluations, eq(evaluations.id, rectifications.evaluationId))
    .where(where)
    .orderBy(desc(rectifications.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(rectifications).innerJoin(evaluations, eq(evaluations.id, rectifications.evaluationId)).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Open rectifications past their deadline and not yet flagged, for the deadline job. */
export async function listNewlyOverdue(tx: DbOrTx, today: string, limit = 500) {
  return tx
    .select({ id: rectifications.id, regionCode: rectifications.regionCode, unitId: rectifications.unitId, deadline: rectifications.deadline })
    .from(rectifications)
    .where(and(inArray(rectifications.state, [...OPEN_RECTIFICATION_STATES]), eq(rectifications.isOverdue, false), lt(rectifications.deadline, today)))
    .limit(limit);
}

/** Who hears of an overdue rectification: the unit's chiefs, the region's supervisors and centre managers. */
export async function overdueRecipients(tx: DbOrTx, regionCode: string, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from accounts where region_code = ${regionCode} and status = 'active'
        and (('chief' = any(roles) and org_unit_id = ${unitId}) or 'supervisor' = any(roles) or 'manager' = any(roles)) limit 50`,
  );
  return rows.map((r) => r.id);
}

export async function insertNotifications(tx: DbOrTx, values: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(notifications).values(values);
}

// ─── statistics ─────────────────────────────────────────────────────────────────────────────────────────────

export async function evaluationStats(tx: DbOrTx, scope: EvaluationScope, range: { from?: string; to?: string }, today: string) {
  const where = and(...scopeConditions(scope), ...dateRange(range.from, range.to));
  const perLevel = await tx
    .select({ level: evaluations.level, isValid: evaluations.isValid, n: sql<number>`count(*)::int` })
    .from(evaluations)
    .where(where)
    .groupBy(evaluations.level, evaluations.isValid);
  const dimensions = await queryRows<{ dimension: string; average: number | string | null; n: number }>(
    tx,
    sql`select d.key as dimension, avg((d.value)::int)::float8 as average, count(*)::int as n
        from ${evaluations} cross join lateral jsonb_each_text(${evaluations.dimensions}) d
        where ${and(where, eq(evaluations.isValid, true))} group by d.key`,
  );
  const perUnit = await tx
    .select({
      unitId: evaluations.unitId,
      unitName: orgUnits.name,
      total: sql<number>`count(*)::int`,
      good: sql<number>`(count(*) filter (where ${evaluations.level} >= 3))::int`,
      bad: sql<number>`(count(*) filter (where ${evaluations.level} <= 2))::int`,
    })
    .from(evaluations)
    .innerJoin(orgUnits, eq(orgUnits.id, evaluations.unitId))
    .where(and(where, eq(evaluations.isValid, true)))
    .groupBy(evaluations.unitId, orgUnits.name)
    .orderBy(desc(sql`count(*)`));
  const open = [...OPEN_RECTIFICATION_STATES];
  const [r] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${inArray(rectifications.state, open)}))::int`,
      overdueOpen: sql<number>`(count(*) filter (where ${inArray(rectifications.state, open)} and (${rectifications.isOverdue} or ${rectifications.deadline} < ${today})))::int`,
      closed: sql<number>`(count(*) filter (where ${inArray(rectifications.state, ['rectified', 'unable_to_rectify'])}))::int`,
      closedOnTime: sql<number>`(count(*) filter (where ${inArray(rectifications.state, ['rectified', 'unable_to_rectify'])} and ${rectifications.closedOn} <= ${rectifications.deadline}))::int`,
      invalidated: sql<number>`(count(*) filter (where ${rectifications.state} = 'invalidated'))::int`,
    })
    .from(rectifications)
    .innerJoin(evaluations, eq(evaluations.id, rectifications.evaluationId))
    .where(where);
  return {
    perLevel: perLevel.map((p) => ({ level: p.level, isValid: p.isValid, n: Number(p.n) })),
    dimensions: dimensions.map((d) => ({ dimension: d.dimension, average: d.average === null ? null : Number(d.average), n: Number(d.n) })),
    perUnit: perUnit.map((u) => ({ ...u, total: Number(u.total), good: Number(u.good), bad: Number(u.bad) })),
    rectification: {
      total: Number(r?.total ?? 0),
      open: Number(r?.open ?? 0),
      overdueOpen: Number(r?.overdueOpen ?? 0),
      closed: Number(r?.closed ?? 0),
      closedOnTime: Number(r?.closedOnTime ?? 0),
      invalidated: Number(r?.invalidated ?? 0),
    },
  };
}

// ─── window visit codes ─────────────────────────────────────────────────────────────────────────────────────

export async function insertVisitToken(tx: DbOrTx, values: typeof visitTokens.$inferInsert): Promise<VisitTokenRow> {
  const [row] = await tx.insert(visitTokens).values(values).returning();
  return row!;
}

export async function findVisitToken(tx: DbOrTx, sha256: string, lock = false): Promise<VisitTokenRow | undefined> {
  const q = tx.select().from(visitTokens).where(eq(visitTokens.tokenSha256, sha256));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function markVisitTokenUsed(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(visitTokens).set({ usedAt: at }).where(eq(visitTokens.id, id));
}

// ─── complaints ─────────────────────────────────────────────────────────────────────────────────────────────

/** The next serial of the day; the counter row stays locked until the submission commits (no gaps, no repeats). */
export async function nextComplaintSerial(tx: DbOrTx, regionCode: string, day: string): Promise<number> {
  const [row] = await tx
    .insert(complaintCounters)
    .values({ regionCode, day, last: 1 })
    .onConflictDoUpdate({ target: [complaintCounters.regionCode, complaintCounters.day], set: { last: sql`${complaintCounters.last} + 1` } })
    .returning({ last: complaintCounters.last });
  return row!.last;
}

export async function insertComplaint(tx: DbOrTx, values: typeof complaints.$inferInsert): Promise<ComplaintRow> {
  const [row] = await tx.insert(complaints).values(values).returning();
  return row!;
}

export async function updateComplaint(tx: DbOrTx, id: string, version: number, values: Partial<typeof complaints.$inferInsert>) {
  const [row] = await tx
    .update(complaints)
    .set({ ...values, version: sql`${complaints.version} + 1` })
    .where(and(eq(complaints.id, id), eq(complaints.version, version)))
    .returning();
  return row;
}

const assignedUnit = aliasedTable(orgUnits, 'assigned_unit');

function complaintFrom(tx: DbOrTx) {
  return tx
    .select({ complaint: complaints, caseNumber: cases.number, assignedUnitName: assignedUnit.name })
    .from(complaints)
    .leftJoin(cases, eq(cases.id, complaints.caseId))
    .leftJoin(assignedUnit, eq(assignedUnit.id, complaints.assignedUnitId));
}
export type ComplaintListRow = Awaited<ReturnType<typeof complaintFrom>>[number];

export async function findComplaintView(tx: DbOrTx, id: string): Promise<ComplaintListRow | undefined> {
  const [row] = await complaintFrom(tx).where(eq(complaints.id, id));
  return row;
}

export interface ComplaintFilter {
  regionCode: string;
  accountId?: string;
  state?: string;
  kind?: string;
  q?: string;
}

export async function listComplaints(tx: DbOrTx, f: ComplaintFilter, page: { limit: number; offset: number }) {
  const c: SQL[] = [eq(complaints.regionCode, f.regionCode)];
  if (f.accountId) c.push(eq(complaints.accountId, f.accountId));
  if (f.state) c.push(eq(complaints.state, f.state));
  if (f.kind) c.push(eq(complaints.kind, f.kind));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(complaints.title, like), ilike(complaints.number, like), ilike(complaints.submitterName, like))!);
  }
  const where = and(...c);
  const rows = await complaintFrom(tx).where(where).orderBy(desc(complaints.createdAt)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(complaints).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}
