/**
 * The case engine: a pure function `advance(context, state, action)` that returns the next state and the
 * effects the service must persist (tasks to open and close, task due dates, timeline events). No timers, no
 * database, no clock: the action carries the date it happens on, and the working-day calendar comes in the
 * context, so every transition is tested table-driven.
 *
 *   一窗受理 → 内部流转 → 限时办结 → 统一发证 (R3)
 *
 * Dates are local dates (YYYY-MM-DD, Asia/Shanghai). Time limits are working days (行政许可法 第八十二条); the
 * day of acceptance is not counted; special procedures and the applicant's correction time are not counted
 * (第四十五条); one extension of ten working days needs a leader's approval (第四十二条).
 */
import type { ProcessBody, SpecialProcedure, StageDef } from '../../../common/process';
import type { StaffRole as Role } from '../../../common/roles';

export type IsoDate = string;

export const CASE_PHASES = [
  'draft', // 草稿：网上填写中，或窗口正在录入
  'submitted', // 网上申请，待受理 (online, waiting for acceptance or the one-time notice)
  'awaiting_materials', // 一次性告知已出具，待补齐材料；计时未开始
  'refused', // 不予受理
  'in_progress', // 已受理，计时中
  'suspended', // 计时暂停：补正或特别程序
  'closed', // 办结
  'withdrawn', // 申请人撤回
] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

export type SuspensionReason = 'correction' | SpecialProcedure;

export interface BranchState {
  stageId: string;
  status: 'open' | 'done';
  openedOn: IsoDate;
  dueDate: IsoDate;
  outcome: StageOutcome | null;
}

export type StageOutcome = 'approve' | 'return' | 'reject';

export interface EngineState {
  phase: CasePhase;
  /** Index of the current step; -1 before acceptance, steps.length once the last step is done. */
  stepIndex: number;
  branches: BranchState[];
  /** 准予 / 不予 once the decision stage is done. */
  decision: 'approved' | 'denied' | null;
  /** A reviewer proposed denial; the case went straight to the decision step. */
  proposedDenial: boolean;
  suspension: { reason: SuspensionReason; since: IsoDate; stageId: string | null } | null;
  /** Working days excluded from the limit so far (completed suspensions). */
  suspendedDays: number;
  extension: { status: 'requested' | 'approved' | 'denied'; days: number; reason: string } | null;
  /** 承诺办理: decided on the applicant's written commitment, verified afterwards (先审后验). */
  commitment: boolean;
  verification: { status: 'pending' | 'confirmed' | 'failed'; dueDate: IsoDate } | null;
  acceptedOn: IsoDate | null;
  promisedDays: number;
  /** The promised completion date with suspensions and extension added; null before acceptance or while suspended. */
  dueDate: IsoDate | null;
  closedOn: IsoDate | null;
  returns: number;
}

/** Work that does not belong to a stage of the definition. */
export type SideTaskKind = 'acceptance' | 'extension_approval' | 'verification';

export interface TaskSpec {
  /** A stage id of the definition, or a side task's kind. */
  key: string;
  kind: 'stage' | SideTaskKind;
  name: string;
  nameEn: string;
  role: Role;
  /** Unit code of the stage; null means the item's executing unit (or none for county-wide roles). */
  unitCode: string | null;
  dueDate: IsoDate | null;
}

export type EngineEvent =
  | { type: 'submitted' }
  | { type: 'materials_requested' }
  | { type: 'accepted'; dueDate: IsoDate; commitment: boolean }
  | { type: 'refused' }
  | { type: 'stage_opened'; stageId: string; dueDate: IsoDate }
  | { type: 'stage_completed'; stageId: string; outcome: StageOutcome }
  | { type: 'returned'; fromStep: number; toStep: number }
  | { type: 'denial_proposed'; stageId: string }
  | { type: 'suspended'; reason: SuspensionReason }
  | { type: 'resumed'; reason: SuspensionReason; days: number; dueDate: IsoDate }
  | { type: 'extension_requested'; reason: string }
  | { type: 'extended'; days: number; dueDate: IsoDate; reason: string }
  | { type: 'extension_denied' }
  | { type: 'decided'; decision: 'approved' | 'denied' }
  | { type: 'closed'; decision: 'approved' | 'denied' | null }
  | { type: 'withdrawn' }
  | { type: 'verified'; confirmed: boolean };

export interface Effects {
  openTasks: TaskSpec[];
  /** Keys of tasks to close, with why. */
  closeTasks: { key: string; reason: 'completed' | 'superseded' | 'cancelled' }[];
  /** New due dates of tasks that stay open (after a suspension). */
  moveTasks: { key: string; dueDate: IsoDate }[];
  events: EngineEvent[];
}

export type EngineAction =
  | { type: 'submit' }
  | { type: 'request_materials' }
  | { type: 'accept'; on: IsoDate; commitment?: boolean }
  | { type: 'refuse' }
  | { type: 'complete'; stageId: string; outcome: StageOutcome; on: IsoDate }
  | { type: 'request_correction'; stageId: string; on: IsoDate }
  | { type: 'correction_received'; on: IsoDate }
  | { type: 'start_special'; stageId: string; procedure: SpecialProcedure; on: IsoDate }
  | { type: 'end_special'; on: IsoDate }
  | { type: 'request_extension'; reason: string; on: IsoDate }
  | { type: 'decide_extension'; approve: boolean; on: IsoDate }
  | { type: 'withdraw'; on: IsoDate }
  | { type: 'verify'; confirmed: boolean; on: IsoDate };

export interface WorkingDays {
  addWorkingDays(from: IsoDate, days: number): IsoDate;
  countWorkingDays(from: IsoDate, to: IsoDate): number;
}

export interface EngineContext {
  definition: ProcessBody;
  calendar: WorkingDays;
  /** 第四十二条: one extension of this many working days. */
  extensionDays?: number;
}

export const EXTENSION_DAYS = 10;

export type EngineErrorCode =
  | 'INVALID_PHASE'
  | 'NO_SUCH_STAGE'
  | 'STAGE_NOT_OPEN'
  | 'CANNOT_RETURN'
  | 'OUTCOME_NOT_ALLOWED'
  | 'COMMITMENT_NOT_ALLOWED'
  | 'EXTENSION_USED'
  | 'NO_EXTENSION_PENDING'
  | 'NOT_SUSPENDED'
  | 'NO_VERIFICATION';

/** A transition the rules do not allow; the service turns it into a 409 with a clear message. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export function initialState(promisedDays: number): EngineState {
  return {
    phase: 'draft',
    stepIndex: -1,
    branches: [],
    decision: null,
    proposedDenial: false,
    suspension: null,
    suspendedDays: 0,
    extension: null,
    commitment: false,
    verification: null,
    acceptedOn: null,
    promisedDays,
    dueDate: null,
    closedOn: null,
    returns: 0,
  };
}

const SIDE_TASK_NAMES: Record<SideTaskKind, { name: string; nameEn: string; role: Role }> = {
  acceptance: { name: '受理（网上预审）', nameEn: 'Acceptance (online pre-review)', role: 'clerk' },
  extension_approval: { name: '延期审批', nameEn: 'Extension approval', role: 'leader' },
  verification: { name: '承诺事项核查（先审后验）', nameEn: 'Verification of the commitment', role: 'reviewer' },
};

function sideTask(kind: SideTaskKind, dueDate: IsoDate | null): TaskSpec {
  const t = SIDE_TASK_NAMES[kind];
  return { key: kind, kind, name: t.name, nameEn: t.nameEn, role: t.role, unitCode: null, dueDate };
}

function stageTask(stage: StageDef, dueDate: IsoDate): TaskSpec {
  return { key: stage.id, kind: 'stage', name: stage.name, nameEn: stage.nameEn, role: stage.role, unitCode: stage.unitCode ?? null, dueDate };
}

function emptyEffects(): Effects {
  return { openTasks: [], closeTasks: [], moveTasks: [], events: [] };
}

function findStage(def: ProcessBody, stageId: string): { stage: StageDef; stepIndex: number } {
  for (const [stepIndex, step] of def.steps.entries()) {
    const stage = step.stages.find((s) => s.id === stageId);
    if (stage) return { stage, stepIndex };
  }
  throw new EngineError('NO_SUCH_STAGE', stageId);
}

function decisionStepIndex(def: ProcessBody): number {
  return def.steps.findIndex((s) => s.stages.some((st) => st.type === 'decision'));
}

/** Stages of a step that run in this case: after a denial no certificate is made. */
function runnableStages(state: EngineState, def: ProcessBody, stepIndex: number): StageDef[] {
  const stages = def.steps[stepIndex]?.stages ?? [];
  return state.decision === 'denied' ? stages.filter((s) => s.type !== 'certificate') : stages;
}

function recomputeDue(state: EngineState, ctx: EngineContext): IsoDate | null {
  if (!state.acceptedOn) return null;
  const extra = state.extension?.status === 'approved' ? state.extension.days : 0;
  return ctx.calendar.addWorkingDays(state.acceptedOn, state.promisedDays + state.suspendedDays + extra);
}

/** Opens the first runnable step at or after `from`; closes the case when none is left. */
function openStepFrom(state: EngineState, ctx: EngineContext, from: number, on: IsoDate, fx: Effects): EngineState {
  const def = ctx.definition;
  let index = from;
  while (index < def.steps.length && runnableStages(state, def, index).length === 0) index++;
  if (index >= def.steps.length) return closeCase({ ...state, stepIndex: def.steps.length, branches: [] }, ctx, on, fx);
  const stages = runnableStages(state, def, index);
  const branches: BranchState[] = stages.map((stage) => {
    const dueDate = ctx.calendar.addWorkingDays(on, stage.limitDays);
    fx.openTasks.push(stageTask(stage, dueDate));
    fx.events.push({ type: 'stage_opened', stageId: stage.id, dueDate });
    return { stageId: stage.id, status: 'open', openedOn: on, dueDate, outcome: null };
  });
  let next: EngineState = { ...state, stepIndex: index, branches };
  // A special procedure stands alone in its step; while it runs the clock is stopped.
  const special = stages.find((s) => s.type === 'special');
  if (special?.special) {
    next = { ...next, phase: 'suspended', suspension: { reason: special.special, since: on, stageId: special.id }, dueDate: null };
    fx.events.push({ type: 'suspended', reason: special.special });
  }
  return next;
}

function closeCase(state: EngineState, ctx: EngineContext, on: IsoDate, fx: Effects): EngineState {
  fx.events.push({ type: 'closed', decision: state.decision });
  let verification: EngineState['verification'] = null;
  if (state.commitment && state.decision === 'approved') {
    const dueDate = ctx.calendar.addWorkingDays(on, ctx.definition.verificationDays);
    verification = { status: 'pending', dueDate };
    fx.openTasks.push(sideTask('verification', dueDate));
  }
  if (state.extension?.status === 'requested') fx.closeTasks.push({ key: 'extension_approval', reason: 'superseded' });
  return { ...state, phase: 'closed', closedOn: on, verification, branches: [] };
}

/** Ends the running suspension: its working days no longer count, open tasks move by as many days. */
function endSuspension(state: EngineState, ctx: EngineContext, on: IsoDate, fx: Effects): EngineState {
  const suspension = state.suspension;
  if (!suspension) throw new EngineError('NOT_SUSPENDED');
  const days = ctx.calendar.countWorkingDays(suspension.since, on);
  const next: EngineState = { ...state, phase: 'in_progress', suspension: null, suspendedDays: state.suspendedDays + days };
  next.branches = state.branches.map((b) => {
    if (b.status !== 'open' || b.stageId === suspension.stageId) return b;
    const dueDate = ctx.calendar.addWorkingDays(b.dueDate, days);
    fx.moveTasks.push({ key: b.stageId, dueDate });
    return { ...b, dueDate };
  });
  next.dueDate = recomputeDue(next, ctx);
  fx.events.push({ type: 'resumed', reason: suspension.reason, days, dueDate: next.dueDate! });
  return next;
}

function requirePhase(state: EngineState, ...phases: CasePhase[]): void {
  if (!phases.includes(state.phase)) throw new EngineError('INVALID_PHASE', `${state.phase} not in ${phases.join('|')}`);
}

function openBranch(state: EngineState, stageId: string): BranchState {
  const branch = state.branches.find((b) => b.stageId === stageId);
  if (!branch || branch.status !== 'open') throw new EngineError('STAGE_NOT_OPEN', stageId);
  return branch;
}

function complete(state: EngineState, ctx: EngineContext, action: Extract<EngineAction, { type: 'complete' }>, fx: Effects): EngineState {
  const def = ctx.definition;
  const { stage } = findStage(def, action.stageId);
  if (state.phase === 'suspended' && !(stage.type === 'special' && state.suspension?.stageId === stage.id)) {
    throw new EngineError('INVALID_PHASE', 'the clock is stopped; resume it first');
  }
  requirePhase(state, 'in_progress', 'suspended');
  openBranch(state, action.stageId);
  if (action.outcome === 'reject' && (stage.type === 'certificate' || stage.type === 'delivery' || stage.type === 'special')) {
    throw new EngineError('OUTCOME_NOT_ALLOWED', `${stage.type} cannot reject`);
  }
  fx.closeTasks.push({ key: stage.id, reason: 'completed' });
  fx.events.push({ type: 'stage_completed', stageId: stage.id, outcome: action.outcome });
  let next: EngineState = {
    ...state,
    branches: state.branches.map((b) => (b.stageId === stage.id ? { ...b, status: 'done', outcome: action.outcome } : b)),
  };
  // Leaving a special procedure restarts the clock.
  if (stage.type === 'special' && next.suspension?.stageId === stage.id) next = endSuspension(next, ctx, action.on, fx);

  const closeOthers = () => {
    for (const b of next.branches) if (b.status === 'open') fx.closeTasks.push({ key: b.stageId, reason: 'superseded' });
    next = { ...next, branches: next.branches.map((b) => (b.status === 'open' ? { ...b, status: 'done' } : b)) };
  };

  if (action.outcome === 'return') {
    if (next.stepIndex <= 0) throw new EngineError('CANNOT_RETURN', 'nothing before the first step');
    if (stage.type === 'certificate' || stage.type === 'delivery') throw new EngineError('CANNOT_RETURN', 'after the decision');
    closeOthers();
    const from = next.stepIndex;
    fx.events.push({ type: 'returned', fromStep: from, toStep: from - 1 });
    return openStepFrom({ ...next, returns: next.returns + 1, decision: null, proposedDenial: false }, ctx, from - 1, action.on, fx);
  }

  if (stage.type === 'decision') {
    const decision = action.outcome === 'approve' ? 'approved' : 'denied';
    fx.events.push({ type: 'decided', decision });
    next = { ...next, decision };
    return openStepFrom(next, ctx, next.stepIndex + 1, action.on, fx);
  }

  if (action.outcome === 'reject') {
    // 拟不予许可: the other reviews of the step stop, the leader decides.
    closeOthers();
    fx.events.push({ type: 'denial_proposed', stageId: stage.id });
    return openStepFrom({ ...next, proposedDenial: true }, ctx, decisionStepIndex(def), action.on, fx);
  }

  if (next.branches.every((b) => b.status === 'done')) return openStepFrom(next, ctx, next.stepIndex + 1, action.on, fx);
  return next;
}

/** Applies one action. Throws EngineError when the rules forbid it; never mutates `state`. */
export function advance(ctx: EngineContext, state: EngineState, action: EngineAction): { state: EngineState; effects: Effects } {
  const fx = emptyEffects();
  const next = apply(ctx, state, action, fx);
  return { state: next, effects: fx };
}

function apply(ctx: EngineContext, state: EngineState, action: EngineAction, fx: Effects): EngineState {
  switch (action.type) {
    case 'submit': {
      requirePhase(state, 'draft', 'awaiting_materials');
      fx.openTasks.push(sideTask('acceptance', null));
      fx.events.push({ type: 'submitted' });
      return { ...state, phase: 'submitted' };
    }
    case 'request_materials': {
      // 一次性告知: the application is not accepted; the clock does not start.
      requirePhase(state, 'draft', 'submitted', 'awaiting_materials');
      if (state.phase === 'submitted') fx.closeTasks.push({ key: 'acceptance', reason: 'completed' });
      fx.events.push({ type: 'materials_requested' });
      return { ...state, phase: 'awaiting_materials' };
    }
    case 'refuse': {
      requirePhase(state, 'draft', 'submitted', 'awaiting_materials');
      if (state.phase === 'submitted') fx.closeTasks.push({ key: 'acceptance', reason: 'completed' });
      fx.events.push({ type: 'refused' });
      return { ...state, phase: 'refused' };
    }
    case 'accept': {
      requirePhase(state, 'draft', 'submitted', 'awaiting_materials');
      const commitment = action.commitment ?? false;
      if (commitment && !ctx.definition.allowsCommitment) throw new EngineError('COMMITMENT_NOT_ALLOWED');
      if (state.phase === 'submitted') fx.closeTasks.push({ key: 'acceptance', reason: 'completed' });
      let next: EngineState = { ...state, phase: 'in_progress', acceptedOn: action.on, commitment };
      next.dueDate = recomputeDue(next, ctx);
      fx.events.push({ type: 'accepted', dueDate: next.dueDate!, commitment });
      // 承诺办理: review and inspection wait until after the decision (先审后验).
      const start = commitment ? decisionStepIndex(ctx.definition) : 0;
      next = openStepFrom(next, ctx, start, action.on, fx);
      return next;
    }
    case 'complete':
      return complete(state, ctx, action, fx);
    case 'request_correction': {
      // 补正: the applicant must supplement during review; the clock stops until the material arrives.
      requirePhase(state, 'in_progress');
      openBranch(state, action.stageId);
      fx.events.push({ type: 'suspended', reason: 'correction' });
      return { ...state, phase: 'suspended', suspension: { reason: 'correction', since: action.on, stageId: null }, dueDate: null };
    }
    case 'correction_received': {
      requirePhase(state, 'suspended');
      if (state.suspension?.reason !== 'correction') throw new EngineError('NOT_SUSPENDED', 'not waiting for a correction');
      return endSuspension(state, ctx, action.on, fx);
    }
    case 'start_special': {
      requirePhase(state, 'in_progress');
      openBranch(state, action.stageId);
      fx.events.push({ type: 'suspended', reason: action.procedure });
      return { ...state, phase: 'suspended', suspension: { reason: action.procedure, since: action.on, stageId: null }, dueDate: null };
    }
    case 'end_special': {
      requirePhase(state, 'suspended');
      const s = state.suspension;
      if (!s || s.reason === 'correction' || s.stageId !== null) throw new EngineError('NOT_SUSPENDED', 'no ad hoc special procedure runs');
      return endSuspension(state, ctx, action.on, fx);
    }
    case 'request_extension': {
      requirePhase(state, 'in_progress', 'suspended');
      if (state.extension) throw new EngineError('EXTENSION_USED');
      fx.openTasks.push(sideTask('extension_approval', null));
      fx.events.push({ type: 'extension_requested', reason: action.reason });
      return { ...state, extension: { status: 'requested', days: 0, reason: action.reason } };
    }
    case 'decide_extension': {
      if (state.extension?.status !== 'requested') throw new EngineError('NO_EXTENSION_PENDING');
      requirePhase(state, 'in_progress', 'suspended');
      fx.closeTasks.push({ key: 'extension_approval', reason: 'completed' });
      if (!action.approve) {
        fx.events.push({ type: 'extension_denied' });
        return { ...state, extension: { ...state.extension, status: 'denied' } };
      }
      const days = ctx.extensionDays ?? EXTENSION_DAYS;
      const next: EngineState = { ...state, extension: { ...state.extension, status: 'approved', days } };
      if (next.phase === 'in_progress') next.dueDate = recomputeDue(next, ctx);
      fx.events.push({ type: 'extended', days, dueDate: recomputeDue(next, ctx)!, reason: state.extension.reason });
      return next;
    }
    case 'withdraw': {
      requirePhase(state, 'draft', 'submitted', 'awaiting_materials', 'in_progress', 'suspended');
      for (const b of state.branches) if (b.status === 'open') fx.closeTasks.push({ key: b.stageId, reason: 'cancelled' });
      if (state.phase === 'submitted') fx.closeTasks.push({ key: 'acceptance', reason: 'cancelled' });
      if (state.extension?.status === 'requested') fx.closeTasks.push({ key: 'extension_approval', reason: 'cancelled' });
      fx.events.push({ type: 'withdrawn' });
      return { ...state, phase: 'withdrawn', branches: state.branches.map((b) => ({ ...b, status: 'done' })), suspension: null, closedOn: action.on };
    }
    case 'verify': {
      if (state.verification?.status !== 'pending') throw new EngineError('NO_VERIFICATION');
      fx.closeTasks.push({ key: 'verification', reason: 'completed' });
      fx.events.push({ type: 'verified', confirmed: action.confirmed });
      return { ...state, verification: { ...state.verification, status: action.confirmed ? 'confirmed' : 'failed' } };
    }
  }
}

/** The open tasks a state implies; the service checks the task table against it. */
export function expectedOpenTasks(state: EngineState): string[] {
  const keys = state.branches.filter((b) => b.status === 'open').map((b) => b.stageId);
  if (state.phase === 'submitted') keys.push('acceptance');
  if (state.extension?.status === 'requested' && (state.phase === 'in_progress' || state.phase === 'suspended')) keys.push('extension_approval');
  if (state.verification?.status === 'pending') keys.push('verification');
  return keys.sort();
}
