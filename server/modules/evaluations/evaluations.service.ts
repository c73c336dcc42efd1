/**
 * 政务服务“好差评” (国办发〔2019〕51号): applicants rate a closed case (一事一评) or a window visit; every 差评
 * (不满意, 非常不满意) opens a rectification (整改) in the same transaction, due in working days, closed only after
 * a call-back (回访) and judged invalid only by a supervisor on appeal (无效差评审核). Plus 投诉建议.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { EVALUATION_DIMENSIONS, DIMENSION_LABELS, isBadLevel, LEVEL_LABELS, type EvaluationChannel, type EvaluationLevel } from '../../../common/evaluations';
import { maskName, maskPhone } from '../../../common/mask';
import { hasRole, type Actor } from '../../platform/auth/actor';
import { recordEvent } from '../../platform/audit/audit';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type Locale } from '../../platform/http/errors';
import { getWorkingCalendar, toShanghaiDate } from '../calendar';
import {
  canReadEvaluation,
  canWorkOnRectification,
  complaintAbilities,
  evaluationScope,
  rectificationAbilities,
  seesEvaluatorContact,
} from './evaluations.policy';
import * as repo from './evaluations.repository';
import type {
  AssignBody,
  CallbackBody,
  CloseBody,
  ComplaintListQuery,
  ComplaintView,
  EvaluationListQuery,
  EvaluationView,
  MyComplaintBody,
  MyEvaluationBody,
  MyEvaluationsQuery,
  RectificationListQuery,
  RectificationView,
  ReplyBody,
  ReviewDecisionBody,
  ReviewRequestBody,
  SettingsBody,
  StartBody,
  StatsQuery,
  StatsView,
  VerifyBody,
  VisitEvaluationBody,
  VisitTokenView,
  PublicVisitView,
} from './evaluations.schemas';

type EvaluationViewT = z.infer<typeof EvaluationView>;
type RectificationViewT = z.infer<typeof RectificationView>;
type ComplaintViewT = z.infer<typeof ComplaintView>;

function stateError(zh: string, en: string): AppError {
  return new AppError('STATE_CONFLICT', { params: { reasonZh: zh, reasonEn: en } });
}

function levelLabel(level: number, locale: Locale): string {
  return LEVEL_LABELS[level as EvaluationLevel]?.[locale] ?? String(level);
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

function accountOf(actor: Actor) {
  if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return actor;
}

// ─── presenting ─────────────────────────────────────────────────────────────────────────────────────────────

function presentEvaluation(row: repo.EvaluationListRow, actor: Actor, locale: Locale): EvaluationViewT {
  const e = row.evaluation;
  const isOwn = actor.kind === 'account' && e.evaluatorAccountId === actor.id;
  const full = isOwn || seesEvaluatorContact(actor, e);
  return {
    id: e.id,
    subject: e.subject as EvaluationViewT['subject'],
    caseId: e.caseId,
    caseNumber: row.caseNumber,
    itemName: row.itemName,
    windowId: e.windowId,
    windowName: row.windowName,
    visitDate: e.visitDate,
    unitId: e.unitId,
    unitName: row.unitName,
    level: e.level,
    levelLabel: levelLabel(e.level, locale),
    dimensions: e.dimensions as Record<string, number>,
    comment: e.comment,
    channel: e.channel as EvaluationChannel,
    evaluatorName: full ? e.evaluatorName : maskName(e.evaluatorName),
    evaluatorPhone: full ? e.evaluatorPhone : maskPhone(e.evaluatorPhone),
    isValid: e.isValid,
    createdAt: e.createdAt.toISOString(),
    rectification: row.rectification?.id
      ? {
          id: row.rectification.id,
          state: row.rectification.state as RectificationViewT['state'],
          deadline: row.rectification.deadline,
          isOverdue: row.rectification.isOverdue,
        }
      : null,
  };
}

async function presentRectification(ctx: ReadContext, r: repo.RectificationRow, locale: Locale): Promise<RectificationViewT> {
  const evaluation = await repo.findEvaluationView(ctx.tx, r.evaluationId);
  if (!evaluation) throw new AppError('NOT_FOUND');
  const unit = await repo.findUnit(ctx.tx, r.unitId);
  return {
    id: r.id,
    state: r.state as RectificationViewT['state'],
    unitId: r.unitId,
    unitName: unit?.name ?? '',
    deadlineDays: r.deadlineDays,
    deadline: r.deadline,
    isOverdue: r.isOverdue,
    overdueAt: iso(r.overdueAt),
    finding: r.finding,
    plan: r.plan,
    result: r.result,
    callback:
      r.callbackAt && r.callbackMethod && r.callbackSatisfaction
        ? {
            at: r.callbackAt.toISOString(),
            byName: r.callbackByName ?? '',
            method: r.callbackMethod as 'phone',
            satisfaction: r.callbackSatisfaction,
            satisfactionLabel: levelLabel(r.callbackSatisfaction, locale),
            note: r.callbackNote ?? '',
          }
        : null,
    review: {
      status: r.reviewStatus as RectificationViewT['review']['status'],
      category: r.reviewCategory as RectificationViewT['review']['category'],
      reason: r.reviewReason,
      requestedAt: iso(r.reviewRequestedAt),
      decisionReason: r.reviewDecisionReason,
      decidedAt: iso(r.reviewDecidedAt),
    },
    closedAt: iso(r.closedAt),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    evaluation: presentEvaluation(evaluation, ctx.actor, locale),
    abilities: rectificationAbilities(ctx.actor, r),
  };
}

function presentComplaint(row: repo.ComplaintListRow, actor: Actor): ComplaintViewT {
  const c = row.complaint;
  const isOwn = actor.kind === 'account' && c.accountId === actor.id;
  const full = isOwn || hasRole(actor, 'manager', 'supervisor');
  return {
    id: c.id,
    number: c.number,
    kind: c.kind as ComplaintViewT['kind'],
    title: c.title,
    content: c.content,
    state: c.state as ComplaintViewT['state'],
    submitterName: (full ? c.submitterName : maskName(c.submitterName)) ?? '',
    contactPhone: full ? c.contactPhone : maskPhone(c.contactPhone),
    caseId: c.caseId,
    caseNumber: row.caseNumber,
    assignedUnitId: c.assignedUnitId,
    assignedUnitName: row.assignedUnitName,
    assignedAt: iso(c.assignedAt),
    reply: c.reply,
    repliedByName: c.repliedByName,
    repliedAt: iso(c.repliedAt),
    closedAt: iso(c.closedAt),
    createdAt: c.createdAt.toISOString(),
    version: c.version,
    abilities: isOwn && !hasRole(actor, 'manager', 'supervisor') ? { assign: false, reply: false, close: false } : complaintAbilities(actor, c),
  };
}

// ─── rating ─────────────────────────────────────────────────────────────────────────────────────────────────

interface NewEvaluation {
  subject: 'case' | 'window_visit';
  caseId: string | null;
  windowId: string | null;
  visitDate: string | null;
  visitTokenId: string | null;
  unitId: string;
  departmentId: string | null;
  level: number;
  dimensions: Partial<Record<(typeof EVALUATION_DIMENSIONS)[number], number>>;
  comment: string;
  channel: EvaluationChannel;
  evaluatorAccountId: string | null;
  evaluatorName: string | null;
  evaluatorPhone: string | null;
}

/**
 * The deadline of a rectification opened today: N working days on (the day of the rating not counted). A year
 * whose holidays are not entered yet must not stop an applicant from rating: then the weekends alone are skipped.
 */
async function rectificationDeadline(ctx: WriteContext, today: string, days: number): Promise<string> {
  const calendar = await getWorkingCalendar(ctx.tx, ctx.regionCode);
  try {
    return calendar.addWorkingDays(today, days);
  } catch {
    const d = new Date(`${today}T12:00:00Z`);
    for (let left = days; left > 0; ) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
    }
    return d.toISOString().slice(0, 10);
  }
}

/** Stores the evaluation and, for a 差评, opens its rectification: one transaction, each with its audit entry. */
async function recordEvaluation(ctx: WriteContext, input: NewEvaluation): Promise<repo.EvaluationRow> {
  if (isBadLevel(input.level) && !input.comment) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.comment', key: 'EVALUATION_COMMENT_REQUIRED' }] });
  const now = ctx.clock.now();
  const row = await repo.insertEvaluation(ctx.tx, { ...input, regionCode: ctx.regionCode, createdAt: now });
  if (!row) throw stateError('该办件已经评价过，每件只能评价一次。', 'This has already been rated; each case is rated once.');
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'evaluation.create',
    subjectType: 'evaluation',
    subjectId: row.id,
    after: { subject: row.subject, caseId: row.caseId, windowId: row.windowId, level: row.level, channel: row.channel, unitId: row.unitId },
  });
  if (isBadLevel(row.level)) {
    const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
    const today = toShanghaiDate(now);
    const deadline = await rectificationDeadline(ctx, today, settings.rectificationDays);
    const r = await repo.insertRectification(ctx.tx, {
      regionCode: ctx.regionCode,
      evaluationId: row.id,
      unitId: row.unitId,
      state: 'received',
      deadlineDays: settings.rectificationDays,
      deadline,
      createdAt: now,
      updatedAt: now,
    });
    await recordEvent(ctx.tx, ctx.audit, {
      action: 'rectification.open',
      subjectType: 'rectification',
      subjectId: r.id,
      after: { evaluationId: row.id, unitId: r.unitId, deadline, deadlineDays: r.deadlineDays },
    });
  }
  return row;
}

/** The applicant rates their own closed case, or the window visit at which it was accepted. */
export async function rateMyCase(ctx: WriteContext, input: z.infer<typeof MyEvaluationBody>, locale: Locale): Promise<EvaluationViewT> {
  const actor = accountOf(ctx.actor);
  const facts = await repo.findCaseFacts(ctx.tx, input.caseId);
  // Someone else's case looks like no case at all.
  if (!facts || facts.regionCode !== ctx.regionCode || facts.applicantAccountId !== actor.id) throw new AppError('NOT_FOUND');
  let windowId: string | null = null;
  let unitId = facts.executingUnitId;
  if (input.subject === 'case') {
    if (facts.phase !== 'closed') throw stateError('办件办结后才能评价。', 'A case can be rated once it is closed.');
  } else {
    if (!facts.windowId || !facts.acceptedOn) throw stateError('该办件不是在窗口受理的，没有可评价的窗口服务。', 'This case was not accepted at a window.');
    const window = await repo.findWindow(ctx.tx, facts.windowId);
    windowId = facts.windowId;
    unitId = window?.unitId ?? (await repo.findCentreUnit(ctx.tx, ctx.regionCode)) ?? facts.executingUnitId;
  }
  if (await repo.findEvaluationOf(ctx.tx, facts.id, input.subject)) {
    throw stateError('该办件已经评价过，每件只能评价一次。', 'This has already been rated; each case is rated once.');
  }
  const contact = await repo.findAccountContact(ctx.tx, actor.id);
  const row = await recordEvaluation(ctx, {
    subject: input.subject,
    caseId: facts.id,
    windowId,
    visitDate: input.subject === 'window_visit' ? facts.acceptedOn : null,
    visitTokenId: null,
    unitId,
    departmentId: facts.originDepartmentId,
    level: input.level,
    dimensions: input.dimensions,
    comment: input.comment,
    channel: input.channel,
    evaluatorAccountId: actor.id,
    evaluatorName: facts.applicantName,
    evaluatorPhone: contact?.phone ?? facts.contactPhone ?? facts.applicantPhone,
  });
  const view = await repo.findEvaluationView(ctx.tx, row.id);
  return presentEvaluation(view!, ctx.actor, locale);
}

export async function listMyEvaluations(ctx: ReadContext, query: z.infer<typeof MyEvaluationsQuery>, locale: Locale) {
  const actor = accountOf(ctx.actor);
  const { rows, total } = await repo.listEvaluations(ctx.tx, { regionCode: ctx.regionCode, evaluatorAccountId: actor.id, caseId: query.caseId }, query);
  return { items: rows.map((r) => presentEvaluation(r, ctx.actor, locale)), total, limit: query.limit, offset: query.offset };
}

// ─── window visits: the one-time code on the clerk's screen ─────────────────────────────────────────────────

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The clerk's screen shows a one-time code (QR code and link /rate/{code}) for the visit being served; the
 * applicant rates on the clerk's tablet or their own phone without signing in. The code is random (192 bits),
 * stored hashed, valid for minutes, and used once.
 */
export async function issueVisitToken(ctx: WriteContext, input: { caseId: string | null }): Promise<z.infer<typeof VisitTokenView>> {
  const actor = accountOf(ctx.actor);
  if (!actor.windowId) throw stateError('您的账号没有所属窗口，不能出示评价码。', 'Your account has no window; it cannot show an evaluation code.');
  const window = await repo.findWindow(ctx.tx, actor.windowId);
  if (!window || window.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (input.caseId) {
    const facts = await repo.findCaseFacts(ctx.tx, input.caseId);
    if (!facts || facts.regionCode !== ctx.regionCode) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.caseId', key: 'UNKNOWN_REFERENCE', params: { what: '办件' } }] });
    }
  }
  const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
  const now = ctx.clock.now();
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.visitTokenMinutes * 60_000);
  const visitDate = toShanghaiDate(now);
  const row = await repo.insertVisitToken(ctx.tx, {
    regionCode: ctx.regionCode,
    tokenSha256: tokenHash(token),
    windowId: window.id,
    visitDate,
    caseId: input.caseId,
    issuedById: actor.id,
    expiresAt,
    createdAt: now,
  });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'evaluation.visit_token',
    subjectType: 'window',
    subjectId: window.id,
    after: { tokenId: row.id, caseId: input.caseId, expiresAt: expiresAt.toISOString() },
  });
  return { token, path: `/rate/${token}`, expiresAt: expiresAt.toISOString(), windowName: window.name, visitDate };
}

async function usableToken(ctx: ReadContext, token: string, lock: boolean) {
  const row = await repo.findVisitToken(ctx.tx, tokenHash(token), lock);
  // An unknown, used or expired code all read the same: nothing to learn by guessing.
  if (!row || row.regionCode !== ctx.regionCode || row.usedAt || row.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    throw stateError('评价码无效或已过期，请向窗口工作人员重新获取。', 'The evaluation code is invalid or has expired; ask the window for a new one.');
  }
  return row;
}

export async function getVisit(ctx: ReadContext, token: string): Promise<z.infer<typeof PublicVisitView>> {
  const row = await usableToken(ctx, token, false);
  const window = await repo.findWindow(ctx.tx, row.windowId);
  const unitId = window?.unitId ?? (await repo.findCentreUnit(ctx.tx, row.regionCode));
  const unit = unitId ? await repo.findUnit(ctx.tx, unitId) : undefined;
  const facts = row.caseId ? await repo.findCaseFacts(ctx.tx, row.caseId) : undefined;
  return { windowName: window?.name ?? '', unitName: unit?.name ?? '', visitDate: row.visitDate, expiresAt: row.expiresAt.toISOString(), itemName: facts?.itemName ?? null };
}

export async function rateVisit(ctx: WriteContext, token: string, input: z.infer<typeof VisitEvaluationBody>, locale: Locale): Promise<EvaluationViewT> {
  const t = await usableToken(ctx, token, true);
  const window = await repo.findWindow(ctx.tx, t.windowId);
  if (!window) throw new AppError('NOT_FOUND');
  const facts = t.caseId ? await repo.findCaseFacts(ctx.tx, t.caseId) : undefined;
  const phone = input.contactPhone ?? facts?.contactPhone ?? facts?.applicantPhone ?? null;
  if (isBadLevel(input.level) && !phone) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.contactPhone', key: 'EVALUATION_CONTACT_REQUIRED' }] });
  }
  const unitId = window.unitId ?? (await repo.findCentreUnit(ctx.tx, ctx.regionCode)) ?? facts?.executingUnitId;
  if (!unitId) throw new AppError('NOT_FOUND');
  await repo.markVisitTokenUsed(ctx.tx, t.id, ctx.clock.now());
  const row = await recordEvaluation(ctx, {
    subject: 'window_visit',
    // A visit about a case counts as that case's window evaluation only once; a second code rates the visit alone.
    caseId: facts && !(await repo.findEvaluationOf(ctx.tx, facts.id, 'window_visit')) ? facts.id : null,
    windowId: window.id,
    visitDate: t.visitDate,
    visitTokenId: t.id,
    unitId,
    departmentId: facts?.originDepartmentId ?? null,
    level: input.level,
    dimensions: input.dimensions,
    comment: input.comment,
    channel: 'window',
    evaluatorAccountId: null,
    evaluatorName: facts ? (facts.contactName ?? facts.applicantName) : null,
    evaluatorPhone: phone,
  });
  const view = await repo.findEvaluationView(ctx.tx, row.id);
  // The anonymous evaluator gets back what they wrote, nobody's contact data.
  return presentEvaluation(view!, ctx.actor, locale);
}

// ─── staff: evaluations and statistics ──────────────────────────────────────────────────────────────────────

function scopeOf(ctx: ReadContext): repo.EvaluationScope {
  const scope = evaluationScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN');
  return { ...scope, regionCode: ctx.regionCode };
}

export async function listEvaluations(ctx: ReadContext, query: z.infer<typeof EvaluationListQuery>, locale: Locale) {
  const { rows, total } = await repo.listEvaluations(
    ctx.tx,
    {
      ...scopeOf(ctx),
      level: query.level,
      subject: query.subject,
      filterUnitId: query.unitId,
      caseId: query.caseId,
      from: query.from,
      to: query.to,
      badOnly: query.bad === 'true',
    },
    query,
  );
  return { items: rows.map((r) => presentEvaluation(r, ctx.actor, locale)), total, limit: query.limit, offset: query.offset };
}

function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Counts per level, 好评率, dimension averages, per unit, and the rectifications' on-time rate. */
export async function getStats(ctx: ReadContext, query: z.infer<typeof StatsQuery>, locale: Locale): Promise<z.infer<typeof StatsView>> {
  const s = await repo.evaluationStats(ctx.tx, scopeOf(ctx), query, toShanghaiDate(ctx.clock.now()));
  const valid = s.perLevel.filter((p) => p.isValid);
  const countOf = (level: number) => valid.filter((p) => p.level === level).reduce((sum, p) => sum + p.n, 0);
  const total = valid.reduce((sum, p) => sum + p.n, 0);
  const good = countOf(5) + countOf(4) + countOf(3);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    total,
    invalidated: s.perLevel.filter((p) => !p.isValid).reduce((sum, p) => sum + p.n, 0),
    perLevel: ([5, 4, 3, 2, 1] as const).map((level) => ({ level, label: levelLabel(level, locale), count: countOf(level) })),
    good,
    bad: total - good,
    goodRate: rate(good, total),
    dimensions: EVALUATION_DIMENSIONS.map((d) => {
      const row = s.dimensions.find((x) => x.dimension === d);
      return { dimension: d, label: DIMENSION_LABELS[d][locale], average: row?.average === null || !row ? null : Math.round(row.average * 100) / 100, count: row?.n ?? 0 };
    }),
    perUnit: s.perUnit.map((u) => ({ ...u, goodRate: rate(u.good, u.total) })),
    rectification: { ...s.rectification, onTimeRate: rate(s.rectification.closedOnTime, s.rectification.closed) },
  };
}

// ─── staff: rectifications ──────────────────────────────────────────────────────────────────────────────────

export async function listRectifications(ctx: ReadContext, query: z.infer<typeof RectificationListQuery>, locale: Locale) {
  const { rows, total } = await repo.listRectifications(
    ctx.tx,
    { ...scopeOf(ctx), state: query.state, openOnly: query.open === 'true', overdueOnly: query.overdue === 'true', filterUnitId: query.unitId },
    query,
  );
  const items: RectificationViewT[] = [];
  for (const r of rows) items.push(await presentRectification(ctx, r.rectification, locale));
  return { items, total, limit: query.limit, offset: query.offset };
}

async function loadReadable(ctx: ReadContext, id: string): Promise<repo.RectificationRow> {
  const r = await repo.findRectification(ctx.tx, id);
  if (!r) throw new AppError('NOT_FOUND');
  const e = await repo.findEvaluationView(ctx.tx, r.evaluationId);
  if (!e || !canReadEvaluation(ctx.actor, e.evaluation)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getRectification(ctx: ReadContext, id: string, locale: Locale): Promise<RectificationViewT> {
  return presentRectification(ctx, await loadReadable(ctx, id), locale);
}

type Action = keyof ReturnType<typeof rectificationAbilities>;

const ACTION_REFUSED: Record<Action, { zh: string; en: string }> = {
  verify: { zh: '只有“已接收”的整改单可以开始核实。', en: 'Only a received rectification can be verified.' },
  start: { zh: '核实后才能开始整改。', en: 'Rectification starts after verification.' },
  callback: { zh: '整改中的整改单才能登记回访。', en: 'A call-back is recorded while rectifying.' },
  close: { zh: '须先登记回访（回访人、时间、方式及申请人对整改的满意度），才能办结整改。', en: 'Record the call-back (who, when, how, and the applicant\'s satisfaction) before closing.' },
  requestReview: { zh: '该差评不能再申请无效审核。', en: 'This rating cannot be appealed (again).' },
  decideReview: { zh: '没有待审核的无效差评申请，或您是申请人本人。', en: 'No appeal is waiting, or you made it yourself.' },
};

/** Loads, locks and checks one action on a rectification; the stale version answers 409. */
async function prepare(ctx: WriteContext, id: string, version: number, action: Action): Promise<repo.RectificationRow> {
  const r = await repo.lockRectification(ctx.tx, id);
  if (!r) throw new AppError('NOT_FOUND');
  const e = await repo.findEvaluationView(ctx.tx, r.evaluationId);
  if (!e || !canReadEvaluation(ctx.actor, e.evaluation)) throw new AppError('NOT_FOUND');
  if (action !== 'decideReview' && !canWorkOnRectification(ctx.actor, r)) throw new AppError('FORBIDDEN');
  if (r.version !== version) throw new AppError('CONFLICT');
  if (!rectificationAbilities(ctx.actor, r)[action]) throw stateError(ACTION_REFUSED[action].zh, ACTION_REFUSED[action].en);
  return r;
}

async function commit(ctx: WriteContext, before: repo.RectificationRow, values: Partial<repo.RectificationRow>, action: string, locale: Locale) {
  const after = await repo.updateRectification(ctx.tx, before.id, before.version, values, ctx.clock.now());
  if (!after) throw new AppError('CONFLICT');
  const changed = Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof repo.RectificationRow]]));
  await recordEvent(ctx.tx, ctx.audit, { action: `rectification.${action}`, subjectType: 'rectification', subjectId: before.id, before: changed, after: values });
  return presentRectification(ctx, after, locale);
}

/** 核实: the unit looks into what the applicant said. */
export async function verifyRectification(ctx: WriteContext, id: string, input: z.infer<typeof VerifyBody>, locale: Locale) {
  const r = await prepare(ctx, id, input.version, 'verify');
  return commit(ctx, r, { state: 'verifying', finding: input.finding }, 'verify', locale);
}

/** 整改: what the unit does about it. */
export async function startRectification(ctx: WriteContext, id: string, input: z.infer<typeof StartBody>, locale: Locale) {
  const r = await prepare(ctx, id, input.version, 'start');
  return commit(ctx, r, { state: 'rectifying', plan: input.plan }, 'start', locale);
}

/** 回访: who called the applicant, when, how, and how satisfied they are with the rectification. */
export async function recordCallback(ctx: WriteContext, id: string, input: z.infer<typeof CallbackBody>, locale: Locale) {
  const actor = accountOf(ctx.actor);
  const r = await prepare(ctx, id, input.version, 'callback');
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + 60_000 || at.getTime() < r.createdAt.getTime()) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.at', key: 'CALLBACK_TIME' }] });
  }
  return commit(
    ctx,
    r,
    { callbackAt: at, callbackById: actor.id, callbackByName: actor.displayName, callbackMethod: input.method, callbackSatisfaction: input.satisfaction, callbackNote: input.note },
    'callback',
    locale,
  );
}

/** 办结整改: rectified, or unable to rectify with the reason; only after the call-back. */
export async function closeRectification(ctx: WriteContext, id: string, input: z.infer<typeof CloseBody>, locale: Locale) {
  const r = await prepare(ctx, id, input.version, 'close');
  const now = ctx.clock.now();
  return commit(ctx, r, { state: input.outcome, result: input.result, closedAt: now, closedOn: toShanghaiDate(now) }, 'close', locale);
}

/** 申诉: the unit asks that the 差评 be judged invalid (恶意差评, 非本部门职责…), with its reason. */
export async function requestInvalidReview(ctx: WriteContext, id: string, input: z.infer<typeof ReviewRequestBody>, locale: Locale) {
  const actor = accountOf(ctx.actor);
  const r = await prepare(ctx, id, input.version, 'requestReview');
  return commit(
    ctx,
    r,
    { reviewStatus: 'requested', reviewCategory: input.category, reviewReason: input.reason, reviewRequestedById: actor.id, reviewRequestedAt: ctx.clock.now() },
    'review_request',
    locale,
  );
}

/**
 * 无效差评审核 by a supervisor (not the one who appealed), with a reason. Approved: the evaluation leaves the
 * statistics and the rectification ends as invalidated. Rejected: the rectification goes on where it was.
 */
export async function decideInvalidReview(ctx: WriteContext, id: string, input: z.infer<typeof ReviewDecisionBody>, locale: Locale) {
  const actor = accountOf(ctx.actor);
  const r = await prepare(ctx, id, input.version, 'decideReview');
  const now = ctx.clock.now();
  const decided = { reviewDecidedById: actor.id, reviewDecisionReason: input.reason, reviewDecidedAt: now };
  if (!input.approve) return commit(ctx, r, { ...decided, reviewStatus: 'rejected' }, 'review_reject', locale);
  await repo.setEvaluationValidity(ctx.tx, r.evaluationId, false);
  await recordEvent(ctx.tx, ctx.audit, { action: 'evaluation.invalidate', subjectType: 'evaluation', subjectId: r.evaluationId, before: { isValid: true }, after: { isValid: false, reason: input.reason } });
  return commit(ctx, r, { ...decided, reviewStatus: 'approved', state: 'invalidated', closedAt: now, closedOn: toShanghaiDate(now) }, 'review_approve', locale);
}

// ─── settings ───────────────────────────────────────────────────────────────────────────────────────────────

export async function getSettings(ctx: ReadContext) {
  return repo.getSettings(ctx.tx, ctx.regionCode);
}

/** 整改时限 and the window code's validity; the change applies to rectifications opened from now on. */
export async function putSettings(ctx: WriteContext, input: z.infer<typeof SettingsBody>) {
  const actor = accountOf(ctx.actor);
  const before = await repo.getSettings(ctx.tx, ctx.regionCode);
  await repo.putSettings(ctx.tx, ctx.regionCode, { ...input, updatedById: actor.id, at: ctx.clock.now() });
  await recordEvent(ctx.tx, ctx.audit, { action: 'evaluation.settings', subjectType: 'region', subjectId: ctx.regionCode, before, after: input });
  return repo.getSettings(ctx.tx, ctx.regionCode);
}

// ─── complaints and suggestions (投诉建议) ───────────────────────────────────────────────────────────────────

export async function submitComplaint(ctx: WriteContext, input: z.infer<typeof MyComplaintBody>): Promise<ComplaintViewT> {
  const actor = accountOf(ctx.actor);
  if (input.caseId) {
    const facts = await repo.findCaseFacts(ctx.tx, input.caseId);
    if (!facts || facts.regionCode !== ctx.regionCode || facts.applicantAccountId !== actor.id) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.caseId', key: 'UNKNOWN_REFERENCE', params: { what: '办件' } }] });
    }
  }
  const now = ctx.clock.now();
  const day = toShanghaiDate(now);
  const serial = await repo.nextComplaintSerial(ctx.tx, ctx.regionCode, day);
  const number = `TS${day.replace(/-/g, '')}${String(serial).padStart(4, '0')}`;
  const contact = await repo.findAccountContact(ctx.tx, actor.id);
  const row = await repo.insertComplaint(ctx.tx, {
    regionCode: ctx.regionCode,
    number,
    kind: input.kind,
    accountId: actor.id,
    submitterName: contact?.displayName ?? actor.displayName,
    contactPhone: input.contactPhone ?? contact?.phone ?? null,
    caseId: input.caseId ?? null,
    title: input.title,
    content: input.content,
    createdAt: now,
  });
  await recordEvent(ctx.tx, ctx.audit, { action: 'complaint.submit', subjectType: 'complaint', subjectId: row.id, after: { number, kind: row.kind, caseId: row.caseId, title: row.title } });
  return presentComplaint((await repo.findComplaintView(ctx.tx, row.id))!, ctx.actor);
}

export async function listMyComplaints(ctx: ReadContext, query: { limit: number; offset: number }) {
  const actor = accountOf(ctx.actor);
  const { rows, total } = await repo.listComplaints(ctx.tx, { regionCode: ctx.regionCode, accountId: actor.id }, query);
  return { items: rows.map((r) => presentComplaint(r, ctx.actor)), total, limit: query.limit, offset: query.offset };
}

export async function getMyComplaint(ctx: ReadContext, id: string) {
  const actor = accountOf(ctx.actor);
  const row = await repo.findComplaintView(ctx.tx, id);
  if (!row || row.complaint.accountId !== actor.id) throw new AppError('NOT_FOUND');
  return presentComplaint(row, ctx.actor);
}

export async function listComplaints(ctx: ReadContext, query: z.infer<typeof ComplaintListQuery>) {
  const { rows, total } = await repo.listComplaints(ctx.tx, { regionCode: ctx.regionCode, state: query.state, kind: query.kind, q: query.q }, query);
  return { items: rows.map((r) => presentComplaint(r, ctx.actor)), total, limit: query.limit, offset: query.offset };
}

export async function getComplaint(ctx: ReadContext, id: string) {
  const row = await repo.findComplaintView(ctx.tx, id);
  if (!row || row.complaint.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  return presentComplaint(row, ctx.actor);
}

async function changeComplaint(
  ctx: WriteContext,
  id: string,
  version: number,
  action: 'assign' | 'reply' | 'close',
  values: Partial<repo.ComplaintRow>,
): Promise<ComplaintViewT> {
  const row = await repo.findComplaintView(ctx.tx, id);
  if (!row || row.complaint.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const c = row.complaint;
  if (c.version !== version) throw new AppError('CONFLICT');
  if (!complaintAbilities(ctx.actor, c)[action]) throw stateError('该投诉建议当前不能进行此操作。', 'This complaint cannot take this action now.');
  const after = await repo.updateComplaint(ctx.tx, id, version, values);
  if (!after) throw new AppError('CONFLICT');
  await recordEvent(ctx.tx, ctx.audit, {
    action: `complaint.${action}`,
    subjectType: 'complaint',
    subjectId: id,
    before: { state: c.state, assignedUnitId: c.assignedUnitId, reply: c.reply },
    after: values,
  });
  return presentComplaint((await repo.findComplaintView(ctx.tx, id))!, ctx.actor);
}

/** 交办: the complaint goes to the unit that must answer it. */
export async function assignComplaint(ctx: WriteContext, id: string, input: z.infer<typeof AssignBody>) {
  const actor = accountOf(ctx.actor);
  const unit = await repo.findUnit(ctx.tx, input.unitId);
  if (!unit || unit.regionCode !== ctx.regionCode) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.unitId', key: 'UNKNOWN_REFERENCE', params: { what: '单位' } }] });
  }
  return changeComplaint(ctx, id, input.version, 'assign', { state: 'assigned', assignedUnitId: unit.id, assignedNote: input.note, assignedById: actor.id, assignedAt: ctx.clock.now() });
}

/** 答复: what the applicant reads under 我的投诉建议. A later reply replaces the earlier one until closed. */
export async function replyComplaint(ctx: WriteContext, id: string, input: z.infer<typeof ReplyBody>) {
  const actor = accountOf(ctx.actor);
  return changeComplaint(ctx, id, input.version, 'reply', { state: 'replied', reply: input.reply, repliedById: actor.id, repliedByName: actor.displayName, repliedAt: ctx.clock.now() });
}

export async function closeComplaint(ctx: WriteContext, id: string, input: { version: number }) {
  return changeComplaint(ctx, id, input.version, 'close', { state: 'closed', closedAt: ctx.clock.now() });
}
