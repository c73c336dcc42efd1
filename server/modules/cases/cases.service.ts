/**
 * Use cases of the approval case: intake at a window or online (受理 / 一次性告知 / 不予受理), internal
 * circulation through task inboxes, the working-day clock with suspensions and one extension, decision and close.
 * Every change runs in the caller's transaction: engine → case row, tasks, suspensions, events, notifications and
 * the audit entry, all or nothing.
 */
import type { z } from 'zod';
import { checkCreditCode } from '../../../common/credit-code';
import { checkIdNumber } from '../../../common/id-number';
import { timingSafeEqual } from 'node:crypto';
import { maskIdNumber, maskName, maskPhone } from '../../../common/mask';
import type { ProcessBody } from '../../../common/process';
import type { Role } from '../../../common/roles';
import { randomUUID } from 'node:crypto';
import { recordEvent, type AuditContext } from '../../platform/audit/audit';
import type { AccountActor, Actor } from '../../platform/auth/actor';
import { readScope, type Db, type DbOrTx, type Tx } from '../../platform/db/client';
import { GroupCommit } from '../../platform/db/group-commit';
import type { DeferredWriteContext, ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import { findStoredFile } from '../../platform/files/files.repository';
import { calendarErrorToAppError, getWorkingCalendar, toShanghaiDate, type WorkingCalendar } from '../calendar';
import { findItemById, type ItemRow } from '../catalog';
import { advance, EngineError, initialState, type EngineAction, type EngineEvent, type EngineState, type TaskSpec } from './cases.engine';
import { canTakeApplications, canViewCase, canWorkOnTask, caseScope, seesFullIdentity } from './cases.policy';
import * as repo from './cases.repository';
import type {
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  CompleteTaskBody,
  ContinueIntakeBody,
  CorrectionBody,
  DecideExtensionBody,
  EndSpecialBody,
  ExtensionBody,
  InboxQuery,
  BundleIntakeBody,
  IntakeBody,
  MaterialInput,
  OnlineApplicationBody,
  PublicProgress,
  PublicProgressBody,
  ReceiveCorrectionBody,
  SpecialBody,
  UpdateApplicationBody,
  VerifyBody,
  WithdrawBody,
} from './cases.schemas';
import { describeEvent, stageNamesOf } from './cases.text';
import { caseHooks } from './cases.hooks';
import { findRegion } from '../org';
import type { DefinitionRow } from '../processes';
import {
  currentDefinitionOf,
  definitionById,
  findBundleDefinition,
  findSubjectAccount,
  findSubjectAccountById,
  intakeLookups,
  itemMaterialsAt,
  lookupNames,
  unitsOf,
  workingCalendar,
  type Names,
} from './cases.lookups';

type Detail = z.infer<typeof CaseDetail>;
type Summary = z.infer<typeof CaseSummary>;
type MaterialInputT = z.infer<typeof MaterialInput>;

// ---------------------------------------------------------------------------------------------- helpers

function requireStaff(actor: Actor): AccountActor {
  if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return actor;
}

function actorName(actor: Actor): string {
  return actor.kind === 'account' ? actor.displayName : actor.kind === 'system' ? `系统（${actor.name}）` : '匿名';
}

/** The engine's refusals become 409s with a message in both languages. */
const ENGINE_MESSAGES: Record<string, { zh: string; en: string }> = {
  INVALID_PHASE: { zh: '案件当前状态不允许此操作。', en: 'The case is not in a state that allows this.' },
  NO_SUCH_STAGE: { zh: '流程中没有该环节。', en: 'The process has no such stage.' },
  STAGE_NOT_OPEN: { zh: '该环节当前不在办理中。', en: 'This stage is not open.' },
  CANNOT_RETURN: { zh: '该环节不能退回。', en: 'This stage cannot be returned.' },
  OUTCOME_NOT_ALLOWED: { zh: '该环节不能作出此处理结果。', en: 'This outcome is not allowed at this stage.' },
  COMMITMENT_NOT_ALLOWED: { zh: '该事项不实行告知承诺办理。', en: 'This item does not accept a written commitment.' },
  EXTENSION_USED: { zh: '本案已申请过延期，依法只能延期一次。', en: 'The one extension the law allows has been used.' },
  NO_EXTENSION_PENDING: { zh: '没有待审批的延期申请。', en: 'No extension is waiting for approval.' },
  NOT_SUSPENDED: { zh: '案件当前没有暂停计时。', en: 'The clock is not stopped.' },
  NO_VERIFICATION: { zh: '没有待核查的承诺事项。', en: 'No commitment is waiting for verification.' },
};

function engineConflict(err: unknown): never {
  if (err instanceof EngineError) {
    const m = ENGINE_MESSAGES[err.code]!;
    throw new AppError('CASE_STATE', { params: { reasonZh: m.zh, reasonEn: m.en }, cause: err });
  }
  throw err;
}

/** Working-day arithmetic with an explicit error when the calendar does not know the year. */
function calendarOf(calendar: WorkingCalendar) {
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw calendarErrorToAppError(err, 'body');
    }
  };
  return {
    addWorkingDays: (from: string, days: number) => wrap(() => calendar.addWorkingDays(from, days)),
    countWorkingDays: (from: string, to: string) => wrap(() => calendar.countWorkingDays(from, to)),
  };
}

async function engineContext(ctx: { tx: DbOrTx; regionCode: string }, body: ProcessBody) {
  const calendar = await workingCalendar(ctx.tx, ctx.regionCode);
  return { definition: body, calendar: calendarOf(calendar), raw: calendar };
}

function publicEvent(e: EngineEvent): boolean {
  // The applicant sees what happens to the application, not who inside the bureau has it.
  return e.type !== 'stage_opened' && e.type !== 'denial_proposed' && e.type !== 'extension_requested' && e.type !== 'extension_denied';
}

interface TransitionExtra {
  /** Opinion and outcome written on the completed task. */
  completedTask?: { key: string; outcome: string; opinion: string };
  /** Extra timeline events besides the engine's. */
  events?: { type: string; isPublic: boolean; data: Record<string, unknown> }[];
  /** Changes to the case row besides phase/state/due. */
  caseValues?: Partial<repo.NewCaseRow>;
  auditAction: string;
  auditDetail?: Record<string, unknown>;
  /** Note kept with a suspension that starts. */
  suspensionNote?: string;
}

/**
 * Runs one engine action on a locked case and persists everything it implies: the case row, tasks opened,
 * closed and moved, suspensions, the timeline, notifications to the applicant, and the audit entry.
 */
async function transition(ctx: WriteContext, c: repo.CaseRow, action: EngineAction, extra: TransitionExtra): Promise<repo.CaseRow> {
  const definition = await definitionById(ctx.tx, c.definitionId);
  if (!definition) throw new AppError('NOT_FOUND');
  const ectx = await engineContext(ctx, definition.body);
  let result: ReturnType<typeof advance>;
  try {
    result = advance(ectx, c.state, action);
  } catch (err) {
    engineConflict(err);
  }
  const { state, effects } = result;
  const now = ctx.clock.now();
  const today = toShanghaiDate(now);
  const actor = ctx.actor;
  const actorId = actor.kind === 'account' ? actor.id : null;

  for (const close of effects.closeTasks) {
    const completed = extra.completedTask?.key === close.key && close.reason === 'completed';
    await repo.closeOpenTask(ctx.tx, c.id, close.key, {
      status: close.reason,
      completedAt: now,
      completedById: close.reason === 'completed' ? actorId : null,
      outcome: completed ? extra.completedTask!.outcome : close.reason === 'completed' ? 'done' : close.reason,
      opinion: completed ? extra.completedTask!.opinion : null,
    });
  }
  for (const move of effects.moveTasks) await repo.moveOpenTask(ctx.tx, c.id, move.key, move.dueDate);
  await repo.insertTasks(ctx.tx, taskRowsOf(c, effects.openTasks));
  for (const e of effects.events) {
    if (e.type === 'suspended') await repo.startSuspension(ctx.tx, c.id, e.reason, action.type === 'accept' ? today : (state.suspension?.since ?? today), extra.suspensionNote ?? '');
    if (e.type === 'resumed') await repo.endSuspension(ctx.tx, c.id, today, e.days);
  }
  await repo.insertEvents(ctx.tx, eventRowsOf(c.id, actor, now, extra.events ?? [], effects.events));

  const decided = effects.events.find((e): e is Extract<EngineEvent, { type: 'decided' }> => e.type === 'decided');
  const after = await repo.updateCase(ctx.tx, c.id, { ...extra.caseValues, ...stepValues(state, effects.events, now) });
  await closeBundleIfDone(ctx, after, now);
  // What other capabilities do at this point (wired by buildApp): the credit code, the e-certificate.
  if (decided) await caseHooks().decided?.(ctx, after, decided.decision);
  const completedStage = extra.completedTask ? definition.body.steps.flatMap((s) => s.stages).find((s) => s.id === extra.completedTask!.key) : undefined;
  if (completedStage?.type === 'certificate' && extra.completedTask?.outcome === 'approve' && after.decision === 'approved') {
    const issued = (await caseHooks().certificate?.(ctx, after)) ?? [];
    if (issued.length) {
      await repo.insertEvents(
        ctx.tx,
        issued.map((cert) => ({ caseId: c.id, at: now, type: 'certificate_issued', actorId, actorName: actorName(actor), isPublic: true, data: { ...cert } })),
      );
      const title = `【${await organTitle(ctx.tx, ctx.regionCode)}】${after.itemName}（${after.number}）`;
      const body = issued.map((cert) => describeEvent({ type: 'certificate_issued', data: { ...cert } }, 'zh')).join('');
      await repo.insertNotifications(ctx.tx, [
        ...(after.applicantAccountId ? [{ regionCode: after.regionCode, accountId: after.applicantAccountId, caseId: after.id, channel: 'in_app', title, body }] : []),
        { regionCode: after.regionCode, caseId: after.id, channel: 'sms', address: after.applicantPhone, title, body },
      ]);
    }
  }
  await notifyApplicant(ctx, after, effects.events);
  await recordEvent(ctx.tx, ctx.audit, {
    action: extra.auditAction,
    subjectType: 'case',
    subjectId: c.id,
    before: { number: c.number, phase: c.phase, dueDate: c.dueDate, version: c.version },
    after: { number: after.number, phase: after.phase, dueDate: after.dueDate, decision: after.decision, version: after.version },
    detail: { action: action.type, ...extra.auditDetail },
  });
  return after;
}

/** In-app and SMS notices of the steps the applicant cares about (the transport sends the outbox later). */
async function notifyApplicant(ctx: WriteContext, c: repo.CaseRow, events: EngineEvent[]): Promise<void> {
  await repo.insertNotifications(ctx.tx, await notificationRowsOf(ctx.tx, c, events));
}

async function notificationRowsOf(tx: DbOrTx, c: repo.CaseRow, events: EngineEvent[]): Promise<Parameters<typeof repo.insertNotifications>[1]> {
  const rows: Parameters<typeof repo.insertNotifications>[1] = [];
  for (const e of events) {
    const text = describeEvent({ type: e.type, data: e as unknown as Record<string, unknown> }, 'zh');
    if (!publicEvent(e) || e.type === 'stage_completed') continue;
    const title = `【${await organTitle(tx, c.regionCode)}】${c.itemName}（${c.number}）`;
    if (c.applicantAccountId) rows.push({ regionCode: c.regionCode, accountId: c.applicantAccountId, caseId: c.id, channel: 'in_app', title, body: text });
    rows.push({ regionCode: c.regionCode, caseId: c.id, channel: 'sms', address: c.applicantPhone, title, body: text });
  }
  return rows;
}

/** The tasks an engine step opens, as rows of the case. */
function taskRowsOf(c: { id: string; regionCode: string; executingUnitId: string }, specs: TaskSpec[]): repo.NewTaskRow[] {
  const units = unitsOf(specs, c.executingUnitId);
  return specs.map((t, i) => ({
    caseId: c.id,
    regionCode: c.regionCode,
    key: t.key,
    kind: t.kind,
    name: t.name,
    nameEn: t.nameEn,
    role: t.role,
    unitId: units[i]!.unitId,
    unitCode: units[i]!.unitCode,
    status: 'open',
    dueDate: t.dueDate,
  }));
}

/** The timeline rows of a step: the use case's own events first, then the engine's. */
function eventRowsOf(caseId: string, actor: Actor, now: Date, extra: NonNullable<TransitionExtra['events']>, events: EngineEvent[]): Parameters<typeof repo.insertEvents>[1] {
  const actorId = actor.kind === 'account' ? actor.id : null;
  return [
    ...extra.map((e) => ({ caseId, at: now, type: e.type, actorId, actorName: actorName(actor), isPublic: e.isPublic, data: e.data })),
    ...events.map((e) => ({ caseId, at: now, type: e.type, actorId, actorName: actorName(actor), isPublic: publicEvent(e), data: { ...e } as Record<string, unknown> })),
  ];
}

/** What a step sets on the case row: phase, engine state, due date, and the decision and close it reached. */
function stepValues(state: EngineState, events: EngineEvent[], now: Date): Partial<repo.NewCaseRow> {
  const decided = events.find((e): e is Extract<EngineEvent, { type: 'decided' }> => e.type === 'decided');
  const closed = events.some((e) => e.type === 'closed' || e.type === 'withdrawn');
  return {
    phase: state.phase,
    state,
    dueDate: state.dueDate,
    commitment: state.commitment,
    ...(decided ? { decision: decided.decision, decidedAt: now } : {}),
    ...(closed ? { closedAt: now } : {}),
    ...(state.phase !== 'in_progress' ? { warning: 'none' } : {}),
  };
}

/** A 联办 bundle closes with the last of its sub-cases. */
async function closeBundleIfDone(ctx: { tx: Tx; audit: AuditContext }, c: repo.CaseRow, now: Date): Promise<void> {
  if (!c.bundleId || !['closed', 'refused', 'withdrawn'].includes(c.phase)) return;
  if (await repo.closeBundleIfDone(ctx.tx, c.bundleId, now)) {
    await recordEvent(ctx.tx, ctx.audit, { action: 'bundle.close', subjectType: 'case_bundle', subjectId: c.bundleId, after: { closedAt: now } });
  }
}

/** County names by region code: reference data that never changes while the server runs. */
const regionNames = new Map<string, string>();

/** The sender name of notices: the county's bureau (威县行政审批局). */
async function organTitle(tx: DbOrTx, regionCode: string): Promise<string> {
  let name = regionNames.get(regionCode);
  if (name === undefined) {
    name = (await findRegion(tx, regionCode))?.name ?? '';
    regionNames.set(regionCode, name);
  }
  return `${name}行政审批局`;
}

// ---------------------------------------------------------------------------------------------- intake

function checkApplicantNumber(kind: 'person' | 'enterprise', value: string, today: Date): FieldProblem | null {
  if (kind === 'person') {
    const r = checkIdNumber(value, today);
    return r.valid ? null : { path: 'body.applicant.idNumber', key: r.problem };
  }
  const r = checkCreditCode(value);
  return r.valid ? null : { path: 'body.applicant.idNumber', key: r.problem };
}

/** The item's own checks of the form (a business registration's 登记信息), through the hook buildApp() wires. */
async function formProblems(ctx: ReadContext, item: ItemRow, form: Record<string, unknown>, applicant: { kind: string; idNumber: string }, caseId?: string): Promise<FieldProblem[]> {
  return (await caseHooks().validateForm?.(ctx, { itemCode: item.code, form, applicant, caseId, path: 'body.form' })) ?? [];
}

interface CheckedMaterials {
  rows: { itemMaterialId: string; name: string; required: boolean; status: MaterialInputT['status']; note: string; fileSha256: string | null; fileName: string | null; certificateNumber: string | null; sort: number }[];
  problems: FieldProblem[];
}

/**
 * 证照复用: a material the catalogue marks reusable may be given as the number of a certificate instead of a file
 * — one this registry issued to the same applicant, in force today, of the kind the material names.
 */
async function checkReusedCertificate(
  tx: DbOrTx,
  regionCode: string,
  material: { name: string; reusableCertificate: string | null },
  raw: string,
  holder: { idNumber: string; today: string },
): Promise<{ number: string } | { problem: { zh: string; en: string } }> {
  if (!material.reusableCertificate) {
    return { problem: { zh: `「${material.name}」不能以证照代替，请提交材料。`, en: `"${material.name}" cannot be replaced by a certificate; provide the material.` } };
  }
  const found = await caseHooks().reusableCertificate?.(tx, regionCode, raw, holder.idNumber, holder.today);
  if (!found) {
    return {
      problem: {
        zh: '未找到该证照，或证照已注销、已过期，或持证人不是申请人；请核对证照编号。',
        en: 'No such certificate in force held by the applicant; check the number.',
      },
    };
  }
  if (!found.title.includes(material.reusableCertificate) && !material.reusableCertificate.includes(found.title)) {
    return { problem: { zh: `该证照是「${found.title}」，不是「${material.reusableCertificate}」。`, en: `That certificate is a "${found.title}", not a "${material.reusableCertificate}".` } };
  }
  return { number: found.number };
}

/**
 * Lines the submitted checklist up with the item's materials. A material left out counts as missing when it is
 * required and as not applicable when it is conditional.
 */
async function checkMaterials(
  tx: DbOrTx,
  item: ItemRow,
  input: MaterialInputT[],
  outcome: string,
  path: string,
  holder: { idNumber: string; today: string },
): Promise<CheckedMaterials> {
  const catalogue = await itemMaterialsAt(tx, item);
  const problems: FieldProblem[] = [];
  const given = new Map<string, { m: MaterialInputT; index: number }>();
  for (const [index, raw] of input.entries()) {
    let m = raw;
    const material = catalogue.find((c) => c.id === m.itemMaterialId);
    if (!material) {
      problems.push({ path: `${path}.${index}.itemMaterialId`, zh: '该材料不属于本事项。', en: 'This material does not belong to the item.' });
    } else if (given.has(m.itemMaterialId)) {
      problems.push({ path: `${path}.${index}.itemMaterialId`, zh: '同一材料重复提交。', en: 'The same material appears twice.' });
    } else {
      if (m.certificateNumber) {
        const reused = await checkReusedCertificate(tx, item.regionCode, material, m.certificateNumber, holder);
        if ('problem' in reused) problems.push({ path: `${path}.${index}.certificateNumber`, ...reused.problem });
        else m = { ...m, certificateNumber: reused.number };
      }
      given.set(m.itemMaterialId, { m, index });
    }
    if (m.fileSha256 && !(await findStoredFile(tx, m.fileSha256))) {
      problems.push({ path: `${path}.${index}.fileSha256`, zh: '文件不存在，请重新上传。', en: 'No such file; upload it again.' });
    }
  }
  const rows = catalogue.map((cm, sort) => {
    const found = given.get(cm.id)?.m;
    const required = cm.requirement === 'required';
    const status = found?.status ?? (required ? 'missing' : 'not_applicable');
    return {
      itemMaterialId: cm.id,
      name: cm.name,
      required,
      status,
      note: found?.note ?? '',
      fileSha256: found?.fileSha256 ?? null,
      fileName: found?.fileName ?? null,
      certificateNumber: found?.certificateNumber ?? null,
      sort,
    };
  });
  if (outcome === 'accept') {
    rows.forEach((r) => {
      if (r.required && r.status !== 'received') {
        const at = given.get(r.itemMaterialId);
        problems.push({
          path: at ? `${path}.${at.index}.status` : path,
          zh: `必要材料「${r.name}」未收齐，不能受理；请出具一次性告知单。`,
          en: `Required material "${r.name}" is not complete; issue the one-time notice instead.`,
        });
      }
    });
  }
  if (outcome === 'request_materials') {
    if (!rows.some((r) => r.status === 'missing' || r.status === 'defective')) {
      problems.push({ path, zh: '一次性告知单须列明缺少或有误的材料。', en: 'The one-time notice must list the missing or defective materials.' });
    }
    rows.forEach((r) => {
      const at = given.get(r.itemMaterialId);
      if (r.status === 'defective' && !r.note) {
        problems.push({ path: at ? `${path}.${at.index}.note` : path, zh: `请写明「${r.name}」存在的问题。`, en: `Say what is wrong with "${r.name}".` });
      }
    });
  }
  return { rows, problems };
}

function intakeAction(outcome: 'accept' | 'request_materials' | 'refuse' | 'forward', today: string, commitment: boolean): EngineAction {
  switch (outcome) {
    case 'accept':
      return { type: 'accept', on: today, commitment };
    case 'request_materials':
      return { type: 'request_materials' };
    case 'refuse':
      return { type: 'refuse' };
    case 'forward':
      return { type: 'submit' };
  }
}

function intakeAuditAction(outcome: string): string {
  return { accept: 'case.accept', request_materials: 'case.request_materials', refuse: 'case.refuse', forward: 'case.forward' }[outcome] ?? 'case.intake';
}

type IntakeOutcome = 'accept' | 'request_materials' | 'refuse' | 'forward';

/**
 * A window accepts (受理); a township's convenience centre does not accept bureau items, it forwards the
 * application it took in for the bureau's pre-review (网上预审), and either may hand out a one-time notice or refuse.
 */
function intakeOutcomeProblem(isTownship: boolean, outcome: IntakeOutcome): { zh: string; en: string } | null {
  if (isTownship && outcome === 'accept') {
    return { zh: '乡镇便民服务中心不能直接受理，请提交审批局网上预审。', en: 'A township centre forwards applications for pre-review; it does not accept them.' };
  }
  if (!isTownship && outcome === 'forward') {
    return { zh: '窗口直接受理即可，无需转报。', en: 'A window accepts the application itself; forwarding is for township centres.' };
  }
  return null;
}

interface CheckedIntake {
  item: ItemRow;
  outcome: IntakeOutcome;
  idNumber: string;
  materials: CheckedMaterials;
}

/** Checks one application as the window takes it; problems carry paths under `path` (body or body.items.N). */
async function checkIntake(
  ctx: ReadContext,
  actor: AccountActor,
  input: { itemId: string; applicant: z.infer<typeof IntakeBody>['applicant']; form?: Record<string, unknown>; materials: MaterialInputT[]; outcome: z.infer<typeof IntakeBody>['outcome']; refusalReason?: string },
  path: string,
  /** In a bundle, the one-time notice is judged over all items together: check each item's materials only. */
  perItemOutcome?: 'check_only',
  /** The item, when the caller has just read it. */
  loaded?: ItemRow | null,
): Promise<{ checked: CheckedIntake | null; problems: FieldProblem[] }> {
  const isTownship = !actor.roles.includes('clerk') && actor.roles.includes('township');
  const problems: FieldProblem[] = [];
  const item = loaded === undefined ? await findItemById(ctx.tx, input.itemId) : loaded;
  if (!item || item.regionCode !== ctx.regionCode || item.status !== 'active') {
    return { checked: null, problems: [{ path: `${path}.itemId`, key: 'UNKNOWN_REFERENCE', params: { what: '事项' } }] };
  }
  const idNumber = input.applicant.idNumber.trim().toUpperCase();
  const idProblem = checkApplicantNumber(input.applicant.kind, idNumber, ctx.clock.now());
  if (idProblem) problems.push(idProblem);
  const outcomeProblem = intakeOutcomeProblem(isTownship, input.outcome);
  if (outcomeProblem) problems.push({ path: `${path}.outcome`, ...outcomeProblem });
  const outcome: IntakeOutcome = input.outcome;
  if (outcome === 'refuse' && !input.refusalReason) problems.push({ path: 'body.refusalReason', key: 'REQUIRED' });
  const materials = await checkMaterials(ctx.tx, item, input.materials, perItemOutcome ?? outcome, `${path}.materials`, { idNumber, today: toShanghaiDate(ctx.clock.now()) });
  problems.push(...materials.problems);
  if (outcome !== 'refuse') problems.push(...(await formProblems(ctx, item, input.form ?? {}, { kind: input.applicant.kind, idNumber })));
  return { checked: { item, outcome, idNumber, materials }, problems };
}

/** Everything the intake of one application writes, worked out before its case number is taken. */
interface IntakePlan {
  audit: AuditContext;
  at: Date;
  /** The day whose numbering the case joins. */
  day: string;
  values: Omit<repo.NewCaseRow, 'number'> & { id: string };
  materials: CheckedMaterials['rows'];
  actorId: string;
  tasks: TaskSpec[];
  events: Parameters<typeof repo.insertEvents>[1];
  engineEvents: EngineEvent[];
  auditAction: string;
  auditDetail: Record<string, unknown>;
}

/**
 * The intake outcome of a checked application, run through the engine from the empty case: the case row as it
 * will stand, its checklist, the tasks it opens, its timeline and its audit entry. Nothing is written yet.
 */
async function planIntake(
  ctx: ReadContext & { audit: AuditContext },
  actor: AccountActor,
  checked: CheckedIntake,
  input: Omit<z.infer<typeof IntakeBody>, 'itemId' | 'materials'>,
  bundleId: string | null,
  /** The definition and the applicant's account, when the caller has read them with the item (intakeLookups). */
  known?: { definition: DefinitionRow | undefined; accountId: string | null },
): Promise<IntakePlan> {
  const { item, outcome, idNumber, materials } = checked;
  const now = ctx.clock.now();
  const today = toShanghaiDate(now);
  const definition = known ? known.definition : await currentDefinitionOf(ctx.tx, ctx.regionCode, item);
  if (!definition) throw new AppError('NOT_FOUND');
  const applicantAccount = known ? (known.accountId ? { id: known.accountId } : undefined) : await findSubjectAccount(ctx.tx, input.applicant.kind, idNumber);
  const ectx = await engineContext(ctx, definition.body);
  let result: ReturnType<typeof advance>;
  try {
    result = advance(ectx, initialState(item.promisedLimitDays ?? 0), intakeAction(outcome, today, input.commitment));
  } catch (err) {
    engineConflict(err);
  }
  const { state, effects } = result;
  const id = randomUUID();
  const missing = materials.rows.filter((m) => m.status === 'missing' || m.status === 'defective').map((m) => ({ name: m.name, status: m.status, note: m.note }));
  const extraEvents = [
    { type: 'materials_checked', isPublic: true, data: { received: materials.rows.filter((m) => m.status === 'received').length, missing } },
    ...(outcome === 'refuse' ? [{ type: 'refusal_reason', isPublic: true, data: { reason: input.refusalReason ?? '' } }] : []),
  ];
  return {
    audit: ctx.audit,
    at: now,
    day: today,
    values: {
      id,
      regionCode: ctx.regionCode,
      ...itemFieldsOf(item, definition),
      bundleId,
      // The moment of the intake, by the same clock as its acceptance (the demo seed's backdated cases included).
      createdAt: now,
      updatedAt: now,
      channel: outcome === 'forward' ? 'township' : 'window',
      applicantAccountId: applicantAccount?.id ?? null,
      applicantKind: input.applicant.kind,
      applicantName: input.applicant.name,
      applicantIdNumber: idNumber,
      applicantPhone: input.applicant.phone,
      // Every plan sets the same columns, defaults spelled out, so that a group's rows travel as one document.
      address: input.applicant.address ?? '',
      contactName: input.contact?.name ?? null,
      contactPhone: input.contact?.phone ?? null,
      townshipCode: input.townshipCode ?? actor.townshipCode ?? null,
      summary: input.summary ?? '',
      form: input.form ?? {},
      firstResponderId: actor.id,
      windowId: actor.windowId,
      promisedDays: item.promisedLimitDays ?? 0,
      refusalReason: outcome === 'refuse' ? (input.refusalReason ?? null) : null,
      acceptedAt: outcome === 'accept' ? now : null,
      acceptedOn: outcome === 'accept' ? today : null,
      acceptedById: outcome === 'accept' ? actor.id : null,
      legalDueDate: outcome === 'accept' ? await legalDueDateOf(ctx, item, today) : null,
      warning: 'none',
      ...stepValues(state, effects.events, now),
      phase: state.phase,
      state,
    },
    materials: materials.rows,
    actorId: actor.id,
    tasks: effects.openTasks,
    events: eventRowsOf(id, actor, now, extraEvents, effects.events),
    engineEvents: effects.events,
    auditAction: intakeAuditAction(outcome),
    auditDetail: { action: intakeAction(outcome, today, input.commitment).type, missing: missing.map((m) => m.name) },
  };
}

/**
 * Writes planned intakes in the open transaction, set-wise: the day's counter moves once by their number (so the
 * numbers stay gapless and in order), then one insert per table for all of them, then one audit entry each.
 */
async function writeIntakes(tx: Tx, plans: IntakePlan[]): Promise<repo.CaseRow[]> {
  const days = new Map<string, IntakePlan[]>();
  for (const p of plans) {
    const key = `${p.values.regionCode}|${p.day}`;
    days.set(key, [...(days.get(key) ?? []), p]);
  }
  const byId = new Map<string, repo.CaseRow>();
  for (const group of days.values()) {
    const { regionCode } = group[0]!.values;
    const { day } = group[0]!;
    const inserted = await repo.insertCasesWithNextNumbers(tx, group.map((p) => p.values), regionCode, day, numberPrefix(regionCode, day));
    for (const c of inserted) byId.set(c.id, c);
  }
  const rows = plans.map((p) => byId.get(p.values.id)!);
  const notices: Parameters<typeof repo.insertNotifications>[1] = [];
  for (const [i, p] of plans.entries()) notices.push(...(await notificationRowsOf(tx, rows[i]!, p.engineEvents)));
  await repo.insertCaseChildren(tx, {
    materials: plans.flatMap((p) => p.materials.map((m) => ({ ...m, caseId: p.values.id, updatedById: p.actorId }))),
    tasks: plans.flatMap((p, i) => taskRowsOf(rows[i]!, p.tasks)),
    events: plans.flatMap((p) => p.events),
    notifications: notices,
  });
  for (const [i, p] of plans.entries()) {
    const c = rows[i]!;
    await closeBundleIfDone({ tx, audit: p.audit }, c, p.at);
    await recordEvent(tx, p.audit, {
      action: p.auditAction,
      subjectType: 'case',
      subjectId: c.id,
      after: { number: c.number, phase: c.phase, dueDate: c.dueDate, decision: c.decision, version: c.version },
      detail: p.auditDetail,
    });
  }
  return rows;
}

type WrittenIntake = { row: repo.CaseRow; view: repo.CaseView };

/**
 * Window intakes of one database, written in groups while the previous group commits; each comes back with the
 * staff view of its new case (tasks, checklist, timeline, names), read for the whole group in one statement.
 */
const intakeWriters = new WeakMap<Db, GroupCommit<IntakePlan, WrittenIntake>>();

export function intakeWriter(db: Db): GroupCommit<IntakePlan, WrittenIntake> {
  let writer = intakeWriters.get(db);
  if (!writer) {
    writer = new GroupCommit(db, async (tx, plans) => {
      const rows = await writeIntakes(tx, plans);
      const views = await repo.loadCaseViews(tx, rows, { publicEventsOnly: false });
      return rows.map((row, i) => ({ row, view: views[i]! }));
    });
    intakeWriters.set(db, writer);
  }
  return writer;
}

/** Creates the case of a checked application in the caller's transaction and runs its intake outcome. */
async function openCase(
  ctx: WriteContext,
  actor: AccountActor,
  checked: CheckedIntake,
  input: Omit<z.infer<typeof IntakeBody>, 'itemId' | 'materials'>,
  bundleId: string | null,
): Promise<repo.CaseRow> {
  const [c] = await writeIntakes(ctx.tx, [await planIntake(ctx, actor, checked, input, bundleId)]);
  return input.outcome === 'accept' && input.decideNow ? decideOnTheSpot(ctx, c!, input.opinion) : c!;
}

/** What a new case copies from its item, and the definition version it will run on. */
function itemFieldsOf(item: ItemRow, definition: DefinitionRow) {
  return {
    itemId: item.id,
    itemCode: item.code,
    itemName: item.name,
    executingUnitId: item.executingUnitId,
    originDepartmentId: item.originDepartmentId,
    definitionId: definition.id,
  };
}

/** Case and bundle numbers: region, date, serial of the day (130533-20260310-0001). */
function numberPrefix(regionCode: string, today: string): string {
  return `${regionCode}-${today.replaceAll('-', '')}-`;
}

/** The next number of the day. */
async function nextNumber(ctx: WriteContext, today: string): Promise<string> {
  const sequence = await repo.nextCaseSequence(ctx.tx, ctx.regionCode, today);
  return `${numberPrefix(ctx.regionCode, today)}${String(sequence).padStart(4, '0')}`;
}

/** intake() in the caller's transaction, checks and write together (a registration's intake, the demo seed). */
export async function intakeInTransaction(ctx: WriteContext, input: z.infer<typeof IntakeBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  if (!canTakeApplications(actor)) throw new AppError('FORBIDDEN');
  const { checked, problems } = await checkIntake(ctx, actor, input, 'body');
  if (problems.length || !checked) throw new AppError('VALIDATION_FAILED', { fields: problems });
  return presentCase(readFrom(ctx), await openCase(ctx, actor, checked, input, null));
}

/**
 * Accepts, notifies or refuses an application at a window (or forwards a township's pre-review). The checks
 * read outside any transaction; the case is then written with the other intakes of the moment in one group
 * commit. An intake that must hold locks from its checks to its write (a business registration's name) or that
 * is decided on the spot runs in the request's own transaction instead.
 */
export async function intake(ctx: DeferredWriteContext, input: z.infer<typeof IntakeBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  if (!canTakeApplications(actor)) throw new AppError('FORBIDDEN');
  const scope = { ...ctx, tx: readScope(ctx.db) };
  const { item, ...known } = await intakeLookups(ctx.db, scope.tx, ctx.regionCode, {
    itemId: input.itemId,
    subjectKind: input.applicant.kind,
    idNumber: input.applicant.idNumber.trim().toUpperCase(),
  });
  if (input.decideNow || (item && caseHooks().formHoldsLocks?.(item.code))) return ctx.inTransaction((wctx) => intakeInTransaction(wctx, input));
  const { checked, problems } = await checkIntake(scope, actor, input, 'body', undefined, item ?? null);
  if (problems.length || !checked) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const { row, view } = await intakeWriter(ctx.db).submit(await planIntake(scope, actor, checked, input, null, known));
  return presentCase(scope, row, 'zh', view);
}

/**
 * 联办 (一件事一次办): one application for several items, taken once at one window; every item becomes a
 * sub-case in its own section, linked by the bundle. All are accepted together, or one one-time notice lists
 * everything missing across the items.
 */
export async function intakeBundle(ctx: WriteContext, input: z.infer<typeof BundleIntakeBody>) {
  const actor = requireStaff(ctx.actor);
  if (!canTakeApplications(actor)) throw new AppError('FORBIDDEN');
  const bundle = await findBundleDefinition(ctx.tx, ctx.regionCode, input.bundleCode);
  if (!bundle || !bundle.active) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.bundleCode', key: 'UNKNOWN_REFERENCE', params: { what: '联办事项' } }] });
  const problems: FieldProblem[] = [];
  const checkedAll: CheckedIntake[] = [];
  const byCode = new Map<string, z.infer<typeof BundleIntakeBody>['items'][number] & { index: number }>();
  for (const [index, part] of input.items.entries()) {
    const item = await findItemById(ctx.tx, part.itemId);
    if (item) byCode.set(item.code, { ...part, index });
  }
  for (const code of bundle.itemCodes) {
    if (!byCode.has(code)) problems.push({ path: 'body.items', zh: `联办事项须包含 ${code}。`, en: `The bundle includes ${code}.` });
  }
  if (input.items.length !== bundle.itemCodes.length) {
    problems.push({ path: 'body.items', zh: '提交的事项与联办事项不一致。', en: 'The items do not match the bundle.' });
  }
  for (const code of bundle.itemCodes) {
    const part = byCode.get(code);
    if (!part) continue;
    const r = await checkIntake(
      ctx,
      actor,
      { ...input, itemId: part.itemId, materials: part.materials },
      `body.items.${part.index}`,
      input.outcome === 'request_materials' ? 'check_only' : undefined,
    );
    problems.push(...r.problems);
    if (r.checked) checkedAll.push(r.checked);
  }
  if (input.outcome === 'request_materials' && !checkedAll.some((c) => c.materials.rows.some((m) => m.status === 'missing' || m.status === 'defective'))) {
    problems.push({ path: 'body.items', zh: '一次性告知单须列明缺少或有误的材料。', en: 'The one-time notice must list the missing or defective materials.' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const today = toShanghaiDate(ctx.clock.now());
  const idNumber = input.applicant.idNumber.trim().toUpperCase();
  const applicantAccount = await findSubjectAccount(ctx.tx, input.applicant.kind, idNumber);
  const row = await repo.insertBundle(ctx.tx, {
    regionCode: ctx.regionCode,
    number: await nextNumber(ctx, today),
    bundleCode: bundle.code,
    bundleName: bundle.name,
    applicantKind: input.applicant.kind,
    applicantName: input.applicant.name,
    applicantIdNumber: idNumber,
    applicantAccountId: applicantAccount?.id ?? null,
    firstResponderId: actor.id,
  });
  for (const checked of checkedAll) {
    // A sub-case with nothing missing still waits with the others: the bundle is accepted once.
    await openCase(ctx, actor, checked, { ...input, decideNow: false, commitment: false }, row.id);
  }
  await recordEvent(ctx.tx, ctx.audit, { action: 'bundle.intake', subjectType: 'case_bundle', subjectId: row.id, after: { number: row.number, bundle: bundle.code, outcome: input.outcome, items: bundle.itemCodes } });
  return getBundleDetail(readFrom(ctx), row.id);
}

export async function getBundleDetail(ctx: ReadContext, id: string) {
  const bundle = await repo.findBundle(ctx.tx, id);
  if (!bundle || bundle.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const subs = await repo.listCasesOfBundle(ctx.tx, id);
  const visible = [];
  for (const c of subs) if (await viewable(ctx, c)) visible.push(c);
  if (visible.length === 0) throw new AppError('NOT_FOUND');
  return {
    id: bundle.id,
    number: bundle.number,
    bundleCode: bundle.bundleCode,
    bundleName: bundle.bundleName,
    applicantName: bundle.applicantName,
    createdAt: bundle.createdAt.toISOString(),
    closedAt: bundle.closedAt?.toISOString() ?? null,
    cases: visible.map(presentSummary),
  };
}

async function finishIntake(
  ctx: WriteContext,
  c: repo.CaseRow,
  item: ItemRow,
  outcome: IntakeOutcome,
  input: { commitment: boolean; decideNow: boolean; opinion?: string; refusalReason?: string },
  materials: CheckedMaterials['rows'],
): Promise<repo.CaseRow> {
  const actor = requireStaff(ctx.actor);
  const now = ctx.clock.now();
  const today = toShanghaiDate(now);
  const missing = materials.filter((m) => m.status === 'missing' || m.status === 'defective').map((m) => ({ name: m.name, status: m.status, note: m.note }));
  const after = await transition(ctx, c, intakeAction(outcome, today, input.commitment), {
    auditAction: intakeAuditAction(outcome),
    caseValues:
      outcome === 'accept'
        ? { acceptedAt: now, acceptedOn: today, acceptedById: actor.id, windowId: actor.windowId ?? c.windowId, legalDueDate: await legalDueDateOf(ctx, item, today) }
        : outcome === 'refuse'
          ? { refusalReason: input.refusalReason ?? c.refusalReason }
          : {},
    events: [
      { type: 'materials_checked', isPublic: true, data: { received: materials.filter((m) => m.status === 'received').length, missing } },
      ...(outcome === 'refuse' ? [{ type: 'refusal_reason', isPublic: true, data: { reason: input.refusalReason ?? '' } }] : []),
    ],
    auditDetail: { missing: missing.map((m) => m.name) },
  });
  // 即办件: the clerk decides on the spot, in the same transaction.
  return outcome === 'accept' && input.decideNow ? decideOnTheSpot(ctx, after, input.opinion) : after;
}

/** 即办件: the clerk who accepted decides at once, in the same transaction. */
async function decideOnTheSpot(ctx: WriteContext, accepted: repo.CaseRow, opinion: string | undefined): Promise<repo.CaseRow> {
  const actor = requireStaff(ctx.actor);
  const today = toShanghaiDate(ctx.clock.now());
  const open = await repo.listTasksOfCase(ctx.tx, accepted.id);
  const decision = open.find((t) => t.status === 'open' && t.kind === 'stage' && canWorkOnTask(actor, t));
  if (!decision) {
    throw new AppError('CASE_STATE', { params: { reasonZh: '该事项不能当场办结。', reasonEn: 'This item cannot be decided on the spot.' } });
  }
  return transition(ctx, accepted, { type: 'complete', stageId: decision.key, outcome: 'approve', on: today }, {
    auditAction: 'case.decide_on_the_spot',
    completedTask: { key: decision.key, outcome: 'approve', opinion: opinion ?? '材料齐全，符合法定形式，当场办结。' },
  });
}

/** The statutory limit's end (for the record and supervision), where the law states it in working days. */
async function legalDueDateOf(ctx: ReadContext, item: ItemRow, acceptedOn: string): Promise<string | null> {
  if (item.legalLimitUnit !== 'workday' || item.legalLimitValue === null) return null;
  const calendar = calendarOf(await workingCalendar(ctx.tx, ctx.regionCode));
  return calendar.addWorkingDays(acceptedOn, item.legalLimitValue);
}

/**
 * Locks a case for a change by the actor. A case the actor may not see answers 404 exactly like one that does
 * not exist, before its version or state is looked at: neither its existence nor its state leaks (a township
 * clerk and another township's case, one applicant and another's).
 */
async function loadForChange(ctx: WriteContext, id: string, version?: number): Promise<repo.CaseRow> {
  const c = await repo.lockCase(ctx.tx, id);
  if (!c || c.regionCode !== ctx.regionCode || !(await viewable(ctx, c))) throw new AppError('NOT_FOUND');
  if (version !== undefined && c.version !== version) throw new AppError('CONFLICT');
  return c;
}

/** Continues an application that waits for materials or for acceptance: at any window (无差别受理). */
export async function continueIntake(ctx: WriteContext, id: string, input: z.infer<typeof ContinueIntakeBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  if (!canTakeApplications(actor)) throw new AppError('FORBIDDEN');
  const c = await loadForChange(ctx, id, input.version);
  if (c.phase !== 'awaiting_materials' && c.phase !== 'submitted' && c.phase !== 'draft') {
    throw new AppError('CASE_STATE', { params: { reasonZh: '该申请已受理或已办结。', reasonEn: 'The application was already accepted or closed.' } });
  }
  const isTownship = !actor.roles.includes('clerk');
  const item = await findItemById(ctx.tx, c.itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const problems: FieldProblem[] = [];
  const outcomeProblem = intakeOutcomeProblem(isTownship, input.outcome);
  if (outcomeProblem) problems.push({ path: 'body.outcome', ...outcomeProblem });
  if (input.outcome === 'refuse' && !input.refusalReason) problems.push({ path: 'body.refusalReason', key: 'REQUIRED' });
  const materials = await checkMaterials(ctx.tx, item, input.materials, input.outcome, 'body.materials', { idNumber: c.applicantIdNumber, today: toShanghaiDate(ctx.clock.now()) });
  problems.push(...materials.problems);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  await replaceCaseMaterials(ctx, c.id, materials.rows);
  // 首问负责 stays with whoever first served the applicant; this clerk is recorded as accepting.
  const firstResponder = c.firstResponderId ? {} : { firstResponderId: actor.id };
  const base = Object.keys(firstResponder).length ? await repo.updateCase(ctx.tx, c.id, firstResponder) : c;
  const after = await finishIntake(ctx, base, item, input.outcome, input, materials.rows);
  return presentCase(readFrom(ctx), after);
}

async function replaceCaseMaterials(ctx: WriteContext, caseId: string, rows: CheckedMaterials['rows']): Promise<void> {
  const existing = await repo.listMaterialsOfCase(ctx.tx, caseId);
  const actorId = ctx.actor.kind === 'account' ? ctx.actor.id : null;
  for (const row of rows) {
    const old = existing.find((e) => e.itemMaterialId === row.itemMaterialId);
    if (old) {
      await repo.updateMaterial(ctx.tx, old.id, {
        status: row.status,
        note: row.note,
        fileSha256: row.fileSha256 ?? old.fileSha256,
        fileName: row.fileName ?? old.fileName,
        certificateNumber: row.certificateNumber ?? old.certificateNumber,
        updatedById: actorId,
      });
    } else {
      await repo.insertMaterials(ctx.tx, [{ ...row, caseId, updatedById: actorId }]);
    }
  }
}

// ---------------------------------------------------------------------------------------------- online

/** An applicant's own application, online: kept as a draft or sent for acceptance (网上预审). */
export async function applyOnline(ctx: WriteContext, input: z.infer<typeof OnlineApplicationBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  const account = await findSubjectAccountById(ctx.tx, actor.id);
  if (!account || account.kind !== 'applicant' || !account.idNumber || !account.subjectKind) throw new AppError('FORBIDDEN');
  const item = await findItemById(ctx.tx, input.itemId);
  if (!item || item.regionCode !== ctx.regionCode || item.status !== 'active') {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.itemId', key: 'UNKNOWN_REFERENCE', params: { what: '事项' } }] });
  }
  if (!item.isOnline) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.itemId', zh: '该事项暂不支持网上申请，请到窗口办理。', en: 'This item cannot be applied for online; please come to a window.' }] });
  }
  const materials = await checkMaterials(ctx.tx, item, onlineMaterials(input.materials), 'submit', 'body.materials', { idNumber: account.idNumber, today: toShanghaiDate(ctx.clock.now()) });
  // A draft may be incomplete; what is sent for acceptance must pass the item's form checks.
  if (input.submit) materials.problems.push(...(await formProblems(ctx, item, input.form, { kind: account.subjectKind, idNumber: account.idNumber })));
  if (materials.problems.length) throw new AppError('VALIDATION_FAILED', { fields: materials.problems });
  const today = toShanghaiDate(ctx.clock.now());
  const definition = await currentDefinitionOf(ctx.tx, ctx.regionCode, item);
  if (!definition) throw new AppError('NOT_FOUND');
  const sequence = await repo.nextCaseSequence(ctx.tx, ctx.regionCode, today);
  const c = await repo.insertCase(ctx.tx, {
    regionCode: ctx.regionCode,
    number: `${numberPrefix(ctx.regionCode, today)}${String(sequence).padStart(4, '0')}`,
    ...itemFieldsOf(item, definition),
    channel: 'online',
    applicantAccountId: account.id,
    applicantKind: account.subjectKind,
    applicantName: account.displayName,
    applicantIdNumber: account.idNumber,
    applicantPhone: input.contactPhone ?? account.phone ?? '',
    address: input.address,
    summary: input.summary,
    form: input.form,
    phase: 'draft',
    state: initialState(item.promisedLimitDays ?? 0),
    promisedDays: item.promisedLimitDays ?? 0,
  });
  await repo.insertMaterials(ctx.tx, materials.rows.map((m) => ({ ...m, caseId: c.id, updatedById: actor.id })));
  let after = c;
  if (input.submit) {
    after = await transition(ctx, c, { type: 'submit' }, { auditAction: 'case.submit_online', events: [] });
  } else {
    await recordEvent(ctx.tx, ctx.audit, { action: 'case.draft', subjectType: 'case', subjectId: c.id, after: { number: c.number } });
  }
  return presentCase(readFrom(ctx), after);
}

function onlineMaterials(input: z.infer<typeof OnlineApplicationBody>['materials']): MaterialInputT[] {
  return input.map((m) => ({ ...m, status: m.fileSha256 || m.certificateNumber ? 'received' : 'missing', note: '' }));
}

/** The applicant completes a draft or an application the one-time notice sent back, and (re)submits it. */
export async function updateApplication(ctx: WriteContext, id: string, input: z.infer<typeof UpdateApplicationBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  const c = await loadForChange(ctx, id, input.version);
  if (c.applicantAccountId !== actor.id) throw new AppError('NOT_FOUND');
  if (c.phase !== 'draft' && c.phase !== 'awaiting_materials') {
    throw new AppError('CASE_STATE', { params: { reasonZh: '该申请已提交，不能修改。', reasonEn: 'The application was already submitted.' } });
  }
  const item = await findItemById(ctx.tx, c.itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const materials = await checkMaterials(ctx.tx, item, onlineMaterials(input.materials), 'submit', 'body.materials', { idNumber: c.applicantIdNumber, today: toShanghaiDate(ctx.clock.now()) });
  if (input.submit) materials.problems.push(...(await formProblems(ctx, item, input.form, { kind: c.applicantKind, idNumber: c.applicantIdNumber }, c.id)));
  if (materials.problems.length) throw new AppError('VALIDATION_FAILED', { fields: materials.problems });
  await replaceCaseMaterials(ctx, c.id, materials.rows);
  let after = await repo.updateCase(ctx.tx, c.id, { summary: input.summary, form: input.form, address: input.address, ...(input.contactPhone ? { applicantPhone: input.contactPhone } : {}) });
  if (input.submit) after = await transition(ctx, after, { type: 'submit' }, { auditAction: 'case.submit_online', events: [{ type: 'materials_completed', isPublic: true, data: {} }] });
  else await recordEvent(ctx.tx, ctx.audit, { action: 'case.draft', subjectType: 'case', subjectId: c.id, after: { number: c.number } });
  return presentCase(readFrom(ctx), after);
}

// ---------------------------------------------------------------------------------------------- tasks

async function loadTaskForWork(ctx: WriteContext, taskId: string, version: number): Promise<{ task: repo.TaskRow; c: repo.CaseRow; actor: AccountActor }> {
  const actor = requireStaff(ctx.actor);
  // Lock the case first: every transition of a case takes its row lock, so two staff never interleave.
  const c = await repo.lockCaseOfTask(ctx.tx, taskId);
  if (!c || c.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  // The task as it is now that nobody else can change it.
  const task = await repo.findTask(ctx.tx, taskId);
  if (!task || task.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  // Not yours to do: 403 whatever its state. Done or taken by someone else meanwhile: 409.
  if (!canWorkOnTask(actor, { ...task, assigneeId: null })) throw new AppError('FORBIDDEN');
  if (task.version !== version || task.status !== 'open' || !canWorkOnTask(actor, task)) throw new AppError('CONFLICT');
  return { task, c, actor };
}

/** Takes a task into one's own inbox. A stale version (someone claimed it first) gets 409. */
export async function claimTask(ctx: WriteContext, taskId: string, version: number) {
  const { task, actor } = await loadTaskForWork(ctx, taskId, version);
  const now = ctx.clock.now();
  const claimed = await repo.updateTaskIfVersion(ctx.tx, task.id, version, { assigneeId: actor.id, claimedAt: now });
  if (!claimed) throw new AppError('CONFLICT');
  await repo.insertEvents(ctx.tx, [{ caseId: task.caseId, at: now, type: 'task_claimed', actorId: actor.id, actorName: actor.displayName, isPublic: false, data: { task: task.name } }]);
  await recordEvent(ctx.tx, ctx.audit, { action: 'task.claim', subjectType: 'task', subjectId: task.id, before: { assignee: task.assigneeId }, after: { assignee: actor.id } });
  return presentTasks(ctx.tx, [claimed]).then((t) => t[0]!);
}

export async function releaseTask(ctx: WriteContext, taskId: string, version: number) {
  const { task, actor } = await loadTaskForWork(ctx, taskId, version);
  if (task.assigneeId !== actor.id) throw new AppError('FORBIDDEN');
  const released = await repo.updateTaskIfVersion(ctx.tx, task.id, version, { assigneeId: null, claimedAt: null });
  if (!released) throw new AppError('CONFLICT');
  await recordEvent(ctx.tx, ctx.audit, { action: 'task.release', subjectType: 'task', subjectId: task.id, before: { assignee: actor.id }, after: { assignee: null } });
  return presentTasks(ctx.tx, [released]).then((t) => t[0]!);
}

/** Approves, returns or rejects a stage with a written opinion. */
export async function completeTask(ctx: WriteContext, taskId: string, input: z.infer<typeof CompleteTaskBody>): Promise<Detail> {
  const { task, c } = await loadTaskForWork(ctx, taskId, input.version);
  if (task.kind !== 'stage') throw new AppError('CASE_STATE', { params: { reasonZh: '请使用该任务对应的操作。', reasonEn: 'Use the action of this task.' } });
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'complete', stageId: task.key, outcome: input.outcome, on: today }, {
    auditAction: `case.stage.${input.outcome}`,
    completedTask: { key: task.key, outcome: input.outcome, opinion: input.opinion },
    events: [{ type: 'opinion', isPublic: false, data: { stage: task.name, outcome: input.outcome, opinion: input.opinion } }],
    auditDetail: { stage: task.key, opinion: input.opinion },
  });
  return presentCase(readFrom(ctx), after);
}

function readFrom(ctx: WriteContext): ReadContext {
  return { tx: ctx.tx, actor: ctx.actor, clock: ctx.clock, regionCode: ctx.regionCode };
}

/** 补正: asks the applicant, at once, for everything still needed; the clock stops. */
export async function requestCorrection(ctx: WriteContext, taskId: string, input: z.infer<typeof CorrectionBody>): Promise<Detail> {
  const { task, c } = await loadTaskForWork(ctx, taskId, input.version);
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'request_correction', stageId: task.key, on: today }, {
    auditAction: 'case.request_correction',
    events: [{ type: 'correction_requested', isPublic: true, data: { items: input.items, opinion: input.opinion } }],
    suspensionNote: input.items.map((i) => `${i.name}：${i.note}`).join('；'),
    auditDetail: { items: input.items.map((i) => i.name) },
  });
  return presentCase(readFrom(ctx), after);
}

/** The corrected materials arrived (at a window or online): the clock runs again with those days added. */
export async function receiveCorrection(ctx: WriteContext, id: string, input: z.infer<typeof ReceiveCorrectionBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  const c = await loadForChange(ctx, id, input.version);
  const isApplicant = c.applicantAccountId === actor.id;
  if (!isApplicant && !actor.roles.some((r) => r === 'clerk' || r === 'reviewer' || r === 'chief')) throw new AppError('FORBIDDEN');
  const item = await findItemById(ctx.tx, c.itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const materials = await checkMaterials(ctx.tx, item, input.materials, 'correction', 'body.materials', { idNumber: c.applicantIdNumber, today: toShanghaiDate(ctx.clock.now()) });
  if (materials.problems.length) throw new AppError('VALIDATION_FAILED', { fields: materials.problems });
  const changed = input.materials.map((m) => m.itemMaterialId);
  await replaceCaseMaterials(ctx, c.id, materials.rows.filter((r) => changed.includes(r.itemMaterialId)));
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'correction_received', on: today }, {
    auditAction: 'case.correction_received',
    events: [{ type: 'correction_received_note', isPublic: true, data: { note: input.note, materials: materials.rows.filter((r) => changed.includes(r.itemMaterialId)).map((r) => r.name) } }],
  });
  return presentCase(readFrom(ctx), after);
}

/** Starts a special procedure from a stage (第四十五条): the clock stops until it ends. */
export async function startSpecial(ctx: WriteContext, taskId: string, input: z.infer<typeof SpecialBody>): Promise<Detail> {
  const { task, c } = await loadTaskForWork(ctx, taskId, input.version);
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'start_special', stageId: task.key, procedure: input.procedure, on: today }, {
    auditAction: 'case.special.start',
    events: [{ type: 'special_note', isPublic: true, data: { procedure: input.procedure, note: input.note } }],
    suspensionNote: input.note,
  });
  return presentCase(readFrom(ctx), after);
}

export async function endSpecial(ctx: WriteContext, id: string, input: z.infer<typeof EndSpecialBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  const c = await loadForChange(ctx, id, input.version);
  const tasks = await repo.listTasksOfCase(ctx.tx, c.id);
  if (!tasks.some((t) => t.status === 'open' && canWorkOnTask(actor, t))) throw new AppError('FORBIDDEN');
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'end_special', on: today }, {
    auditAction: 'case.special.end',
    events: [{ type: 'special_result', isPublic: true, data: { note: input.note } }],
  });
  return presentCase(readFrom(ctx), after);
}

/** Asks the bureau leader for the one extension the law allows; the reason is told to the applicant. */
export async function requestExtension(ctx: WriteContext, taskId: string, input: z.infer<typeof ExtensionBody>): Promise<Detail> {
  const { c } = await loadTaskForWork(ctx, taskId, input.version);
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'request_extension', reason: input.reason, on: today }, { auditAction: 'case.extension.request', auditDetail: { reason: input.reason } });
  return presentCase(readFrom(ctx), after);
}

export async function decideExtension(ctx: WriteContext, taskId: string, input: z.infer<typeof DecideExtensionBody>): Promise<Detail> {
  const { task, c } = await loadTaskForWork(ctx, taskId, input.version);
  if (task.kind !== 'extension_approval') throw new AppError('CASE_STATE', { params: { reasonZh: '这不是延期审批任务。', reasonEn: 'This is not an extension approval.' } });
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'decide_extension', approve: input.approve, on: today }, {
    auditAction: input.approve ? 'case.extension.approve' : 'case.extension.deny',
    completedTask: { key: task.key, outcome: input.approve ? 'approve' : 'reject', opinion: input.opinion },
  });
  return presentCase(readFrom(ctx), after);
}

/** 先审后验: the later check of a case decided on the applicant's commitment. */
export async function verifyCommitment(ctx: WriteContext, taskId: string, input: z.infer<typeof VerifyBody>): Promise<Detail> {
  const { task, c } = await loadTaskForWork(ctx, taskId, input.version);
  if (task.kind !== 'verification') throw new AppError('CASE_STATE', { params: { reasonZh: '这不是核查任务。', reasonEn: 'This is not a verification.' } });
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'verify', confirmed: input.confirmed, on: today }, {
    auditAction: 'case.verify',
    completedTask: { key: task.key, outcome: input.confirmed ? 'approve' : 'reject', opinion: input.opinion },
    auditDetail: { opinion: input.opinion },
  });
  return presentCase(readFrom(ctx), after);
}

/** The applicant withdraws (撤回), online themselves or at a window through a clerk. */
export async function withdrawCase(ctx: WriteContext, id: string, input: z.infer<typeof WithdrawBody>): Promise<Detail> {
  const actor = requireStaff(ctx.actor);
  const c = await loadForChange(ctx, id, input.version);
  const isApplicant = c.applicantAccountId === actor.id;
  if (!isApplicant && !actor.roles.includes('clerk')) throw new AppError('FORBIDDEN');
  const today = toShanghaiDate(ctx.clock.now());
  const after = await transition(ctx, c, { type: 'withdraw', on: today }, {
    auditAction: 'case.withdraw',
    events: [{ type: 'withdraw_reason', isPublic: true, data: { reason: input.reason } }],
  });
  return presentCase(readFrom(ctx), after);
}

// ---------------------------------------------------------------------------------------------- queries

async function viewable(ctx: { tx: DbOrTx; actor: Actor }, c: repo.CaseRow): Promise<boolean> {
  return viewableWith(ctx.actor, c, await repo.listTasksOfCase(ctx.tx, c.id));
}

function viewableWith(actor: Actor, c: repo.CaseRow, tasks: repo.TaskRow[]): boolean {
  return canViewCase(
    actor,
    c,
    tasks.map((t) => t.unitId),
    tasks.flatMap((t) => [t.assigneeId, t.completedById]),
  );
}

export function presentSummary(c: repo.CaseRow): Summary {
  return {
    id: c.id,
    number: c.number,
    itemId: c.itemId,
    itemCode: c.itemCode,
    itemName: c.itemName,
    phase: c.phase as Summary['phase'],
    channel: c.channel,
    applicantKind: c.applicantKind as 'person' | 'enterprise',
    applicantName: c.applicantName,
    applicantIdMasked: c.applicantKind === 'person' ? (maskIdNumber(c.applicantIdNumber) ?? '') : c.applicantIdNumber,
    acceptedOn: c.acceptedOn,
    dueDate: c.dueDate,
    warning: c.warning as Summary['warning'],
    decision: (c.decision as Summary['decision']) ?? null,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

/** Who and which units the tasks name, for lookupNames. */
function namesOfTasks(tasks: repo.TaskRow[]) {
  return { accountIds: tasks.flatMap((t) => [t.assigneeId, t.completedById]), unitIds: tasks.map((t) => t.unitId) };
}

async function presentTasks(tx: DbOrTx, tasks: repo.TaskRow[]) {
  return presentTaskRows(tasks, await lookupNames(tx, namesOfTasks(tasks)));
}

function presentTaskRows(tasks: repo.TaskRow[], names: Names) {
  const units = names.units;
  const people = names.accounts;
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);
  return tasks.map((t) => ({
    id: t.id,
    caseId: t.caseId,
    key: t.key,
    kind: t.kind,
    name: t.name,
    nameEn: t.nameEn,
    role: t.role,
    unitId: t.unitId,
    unitName: t.unitId ? (units.get(t.unitId) ?? null) : null,
    status: t.status as 'open' | 'completed' | 'superseded' | 'cancelled',
    assignee: person(t.assigneeId),
    dueDate: t.dueDate,
    outcome: t.outcome,
    opinion: t.opinion,
    completedBy: person(t.completedById),
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    version: t.version,
  }));
}

export async function getCaseDetail(ctx: ReadContext, id: string, locale: 'zh' | 'en' = 'zh'): Promise<Detail> {
  const c = await repo.findCase(ctx.tx, id);
  if (!c || c.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  return presentCase(ctx, c, locale);
}

/**
 * 办件进度查询 without signing in: the case number together with the mobile number or the ID number / credit code
 * given when applying. A wrong pair and an unknown number answer alike (404), and the route is rate-limited, so
 * numbers cannot be tried out. Only what the applicant would see: public events, the clock, the certificates.
 */
export async function getPublicProgress(ctx: ReadContext, input: z.infer<typeof PublicProgressBody>, locale: 'zh' | 'en' = 'zh'): Promise<z.infer<typeof PublicProgress>> {
  const c = await repo.findCaseByNumber(ctx.tx, ctx.regionCode, input.number);
  const given = input.credential.replace(/\s+/g, '').toUpperCase();
  const known = c ? [c.applicantPhone, c.contactPhone, c.applicantIdNumber].filter((v): v is string => !!v).map((v) => v.toUpperCase()) : [];
  // Compared as bytes: a credential with Chinese characters has as many characters as a phone number, not as many bytes.
  const givenBytes = Buffer.from(given);
  const matches = known.some((v) => {
    const bytes = Buffer.from(v);
    return bytes.length === givenBytes.length && timingSafeEqual(bytes, givenBytes);
  });
  if (!c || !matches || c.phase === 'draft') throw new AppError('NOT_FOUND');
  const view = await repo.loadCaseView(ctx.tx, c, { publicEventsOnly: true });
  const definition = await definitionById(ctx.tx, c.definitionId);
  const stageNames = stageNamesOf(definition?.body);
  const events = view.events.filter((e) => e.isPublic);
  return {
    number: c.number,
    itemCode: c.itemCode,
    itemName: c.itemName,
    applicant: c.applicantKind === 'person' ? (maskName(c.applicantName) ?? '') : c.applicantName,
    phase: c.phase as z.infer<typeof PublicProgress>['phase'],
    decision: (c.decision as 'approved' | 'denied' | null) ?? null,
    clock: await clockOf(ctx, c),
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    events: events.map((e) => ({ at: e.at.toISOString(), type: e.type, text: describeEvent(e, locale, stageNames) })),
    certificates: events
      .filter((e) => e.type === 'certificate_issued')
      .map((e) => ({ number: String(e.data.number ?? ''), displayNumber: String(e.data.displayNumber ?? e.data.number ?? ''), title: String(e.data.title ?? '') })),
  };
}

/**
 * The kiosk's identity check before printing (自助打印): the case number with the applicant's full ID number (or
 * credit code) and the phone given when applying, both matching. Anything else answers as if there were no case.
 */
export async function findCaseOfApplicant(ctx: ReadContext, input: { number: string; idNumber: string; phone: string }) {
  const c = await repo.findCaseByNumber(ctx.tx, ctx.regionCode, input.number);
  // Compared as bytes: text of as many characters may have more bytes (Chinese typed into the ID field).
  const same = (a: string, b: string | null | undefined) => {
    if (!b) return false;
    const given = Buffer.from(a);
    const known = Buffer.from(b.toUpperCase());
    return given.length === known.length && timingSafeEqual(given, known);
  };
  const id = input.idNumber.replace(/\s+/g, '').toUpperCase();
  const phone = input.phone.replace(/\s+/g, '');
  if (!c || c.phase === 'draft' || !same(id, c.applicantIdNumber) || !(same(phone, c.applicantPhone) || same(phone, c.contactPhone))) {
    throw new AppError('NOT_FOUND');
  }
  return c;
}

/**
 * The application form as staff who do not need personal data see it: ID numbers and phone numbers inside it
 * (a legal representative's, a contact's) masked like the applicant's own.
 */
function maskedForm(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      if (/idnumber|idcard|身份证/i.test(key)) return [key, maskIdNumber(value) ?? ''];
      if (/phone|mobile|手机/i.test(key)) return [key, maskPhone(value) ?? ''];
      return [key, value];
    }),
  );
}

/** The full view of a case row the caller has just read or written in this transaction (it is not read again). */
async function presentCase(ctx: ReadContext, c: repo.CaseRow, locale: 'zh' | 'en' = 'zh', loaded?: repo.CaseView): Promise<Detail> {
  const isApplicant = ctx.actor.kind === 'account' && ctx.actor.roles.includes('applicant');
  const view = loaded && !isApplicant ? loaded : await repo.loadCaseView(ctx.tx, c, { publicEventsOnly: isApplicant });
  const { tasks, materials, events, suspensions } = view;
  if (!viewableWith(ctx.actor, c, tasks)) throw new AppError('NOT_FOUND');
  const definition = await definitionById(ctx.tx, c.definitionId);
  if (!definition) throw new AppError('NOT_FOUND');
  const full = seesFullIdentity(ctx.actor, c);
  const stageNames = stageNamesOf(definition.body);
  const names: Names = { accounts: view.accountNames, units: view.unitNames, window: view.windowName, township: view.townshipName };
  const people = names.accounts;
  const person = (pid: string | null) => (pid ? { id: pid, name: people.get(pid) ?? '' } : null);
  const units = names.units;
  const state: EngineState = c.state;
  const clock = await clockOf(ctx, c);
  const actor = ctx.actor;
  const isStaffClerk = actor.kind === 'account' && actor.roles.includes('clerk');
  const isOwner = actor.kind === 'account' && c.applicantAccountId === actor.id;
  return {
    ...presentSummary(c),
    applicant: {
      kind: c.applicantKind as 'person' | 'enterprise',
      name: c.applicantName,
      idNumber: full || c.applicantKind === 'enterprise' ? c.applicantIdNumber : (maskIdNumber(c.applicantIdNumber) ?? ''),
      phone: full ? c.applicantPhone : (maskPhone(c.applicantPhone) ?? ''),
      address: c.address,
    },
    contact: c.contactName ? { name: c.contactName, phone: full ? (c.contactPhone ?? '') : (maskPhone(c.contactPhone) ?? '') } : null,
    summary: c.summary,
    form: full ? c.form : maskedForm(c.form),
    township: c.townshipCode ? { code: c.townshipCode, name: names.township ?? c.townshipCode } : null,
    executingUnit: { id: c.executingUnitId, name: units.get(c.executingUnitId) ?? '' },
    firstResponder: person(c.firstResponderId),
    acceptedBy: person(c.acceptedById),
    window: c.windowId ? { id: c.windowId, name: names.window ?? '' } : null,
    clock,
    commitment: c.commitment,
    refusalReason: c.refusalReason,
    bundle: c.bundleId ? await bundleRef(ctx, c.bundleId) : null,
    tasks: isApplicant ? [] : presentTaskRows(tasks, names),
    materials: materials.map((m) => ({
      id: m.id,
      itemMaterialId: m.itemMaterialId,
      name: m.name,
      required: m.required,
      status: m.status as 'received' | 'missing' | 'defective' | 'not_applicable',
      note: m.note,
      fileName: m.fileName,
      hasFile: !!m.fileSha256,
      certificateNumber: m.certificateNumber,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      actorName: isApplicant ? '' : e.actorName,
      isPublic: e.isPublic,
      text: describeEvent(e, locale, stageNames),
      data: e.data,
    })),
    suspensions: suspensions.map((s) => ({ reason: s.reason, startedOn: s.startedOn, endedOn: s.endedOn, workingDays: s.workingDays, note: s.note })),
    definition: { id: definition.id, key: definition.key, version: definition.version, name: definition.name, body: definition.body },
    openStageIds: state.branches.filter((b) => b.status === 'open').map((b) => b.stageId),
    completedStageIds: [...new Set(tasks.filter((t) => t.kind === 'stage' && t.status === 'completed').map((t) => t.key))],
    abilities: {
      withdraw: (isOwner || isStaffClerk) && ['draft', 'submitted', 'awaiting_materials', 'in_progress', 'suspended'].includes(c.phase),
      continueIntake: canTakeApplications(actor) && ['draft', 'submitted', 'awaiting_materials'].includes(c.phase),
      receiveCorrection: (isOwner || isStaffClerk) && c.phase === 'suspended' && state.suspension?.reason === 'correction',
      endSpecial: c.phase === 'suspended' && !!state.suspension && state.suspension.reason !== 'correction' && state.suspension.stageId === null && !isApplicant,
    },
    version: c.version,
  };
}

async function bundleRef(ctx: ReadContext, id: string) {
  const b = await repo.findBundle(ctx.tx, id);
  return b ? { id: b.id, number: b.number, name: b.bundleName } : null;
}

async function clockOf(ctx: ReadContext, c: repo.CaseRow): Promise<Detail['clock']> {
  const state: EngineState = c.state;
  const status = c.phase === 'in_progress' ? 'running' : c.phase === 'suspended' ? 'suspended' : c.acceptedOn ? 'ended' : 'not_started';
  let remainingDays: number | null = null;
  if (status === 'running' && c.dueDate) {
    const calendar = await workingCalendar(ctx.tx, ctx.regionCode);
    const today = toShanghaiDate(ctx.clock.now());
    try {
      remainingDays = today <= c.dueDate ? calendar.countWorkingDays(today, c.dueDate) : -calendar.countWorkingDays(c.dueDate, today);
    } catch {
      remainingDays = null;
    }
  }
  return {
    status,
    acceptedOn: c.acceptedOn,
    promisedDays: c.promisedDays,
    dueDate: c.dueDate,
    suspendedDays: state.suspendedDays,
    extensionDays: state.extension?.status === 'approved' ? state.extension.days : 0,
    remainingDays,
    warning: c.warning as 'none' | 'yellow' | 'red',
    suspension: state.suspension ? { reason: state.suspension.reason, since: state.suspension.since } : null,
  };
}

export async function listCases(ctx: ReadContext, query: z.infer<typeof CaseListQuery>) {
  const scope = caseScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listCases(
    ctx.tx,
    {
      ...scope,
      regionCode: ctx.regionCode,
      q: query.q,
      phase: query.phase?.split(','),
      itemId: query.itemId,
      warning: query.warning,
      acceptedFrom: query.acceptedFrom,
      acceptedTo: query.acceptedTo,
    },
    query,
    query.order,
  );
  return { items: rows.map(presentSummary), total, limit: query.limit, offset: query.offset };
}

/** Supervisors' list (超期督办): running cases past their due date, or due within `within` working days. */
export async function listOverdue(ctx: ReadContext, query: { within: number; limit: number; offset: number }) {
  const scope = caseScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const today = toShanghaiDate(ctx.clock.now());
  const calendar = calendarOf(await getWorkingCalendar(ctx.tx, ctx.regionCode));
  const limitDate = query.within > 0 ? calendar.addWorkingDays(today, query.within) : today;
  const { rows, total } = await repo.listCases(
    ctx.tx,
    { ...scope, regionCode: ctx.regionCode, phase: ['in_progress'], ...(query.within > 0 ? { dueOnOrBefore: limitDate } : { dueBefore: today }) },
    query,
    'due',
  );
  return { items: rows.map(presentSummary), total, limit: query.limit, offset: query.offset };
}

export async function listInbox(ctx: ReadContext, query: z.infer<typeof InboxQuery>) {
  const actor = requireStaff(ctx.actor);
  const { rows, total } = await repo.listInbox(ctx.tx, {
    regionCode: ctx.regionCode,
    roles: actor.roles.filter((r: Role) => r !== 'applicant'),
    unitId: actor.orgUnitId,
    assigneeId: actor.id,
    view: query.view,
    limit: query.limit,
    offset: query.offset,
  });
  const tasks = await presentTasks(ctx.tx, rows.map((r) => r.task));
  return { items: rows.map((r, i) => ({ task: tasks[i]!, case: presentSummary(r.case) })), total, limit: query.limit, offset: query.offset };
}

/** A material's file, for those who may see the case. */
export async function getCaseMaterialFile(ctx: ReadContext, caseId: string, materialId: string) {
  const c = await repo.findCase(ctx.tx, caseId);
  if (!c || c.regionCode !== ctx.regionCode || !(await viewable(ctx, c))) throw new AppError('NOT_FOUND');
  const material = (await repo.listMaterialsOfCase(ctx.tx, caseId)).find((m) => m.id === materialId);
  if (!material?.fileSha256) throw new AppError('NOT_FOUND');
  const meta = await findStoredFile(ctx.tx, material.fileSha256);
  if (!meta) throw new AppError('NOT_FOUND');
  return { sha256: material.fileSha256, mime: meta.mime, fileName: material.fileName ?? material.name };
}
