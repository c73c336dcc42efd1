/** Pure helpers of the case screens: dates in Asia/Shanghai, due colours, phase colours, documents, task rules. */
import type { MeResponse } from '../../api/types';
import type { CaseDetail, CasePhase, CaseWarning, TaskView } from '../../api/cases.types';

/** Today's date in the county (Asia/Shanghai), YYYY-MM-DD, whatever the browser's zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type DueTone = 'overdue' | 'soon' | 'normal';

/**
 * How urgent a due date is: past today is overdue (red); on or before the second working day from today is due
 * soon (orange). `soonLine` comes from the calendar (null when it cannot be computed).
 */
export function dueTone(dueDate: string | null | undefined, soonLine: string | null | undefined, today = todayInShanghai()): DueTone {
  if (!dueDate) return 'normal';
  if (dueDate < today) return 'overdue';
  if (soonLine && dueDate <= soonLine) return 'soon';
  return 'normal';
}

export const DUE_COLORS: Record<DueTone, string | undefined> = {
  overdue: '#cf1322',
  soon: '#d46b08',
  normal: undefined,
};

export const PHASE_COLORS: Record<CasePhase, string> = {
  draft: 'default',
  submitted: 'cyan',
  awaiting_materials: 'orange',
  refused: 'red',
  in_progress: 'processing',
  suspended: 'gold',
  closed: 'green',
  withdrawn: 'default',
};

export const WARNING_COLORS: Record<CaseWarning, string> = {
  none: 'default',
  yellow: 'gold',
  red: 'red',
};

export const CASE_PHASES: readonly CasePhase[] = ['draft', 'submitted', 'awaiting_materials', 'refused', 'in_progress', 'suspended', 'closed', 'withdrawn'];

/** The printed notices of a case (GET /api/cases/:id/documents/:kind). */
export type DocumentKind = 'acceptance-notice' | 'time-limit-card' | 'correction-notice' | 'refusal-notice';

export function documentUrl(caseId: string, kind: DocumentKind): string {
  return `/api/cases/${caseId}/documents/${kind}`;
}

/** The notices that apply to a case in its present state (the server answers 409 for the others). */
export function documentsFor(c: Pick<CaseDetail, 'phase' | 'acceptedOn' | 'materials' | 'clock'>): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (c.acceptedOn) {
    if (c.materials.some((m) => m.status === 'received')) kinds.push('acceptance-notice');
    if (c.clock.promisedDays > 0) kinds.push('time-limit-card');
  }
  const waiting = c.phase === 'awaiting_materials' || c.phase === 'submitted' || c.phase === 'draft';
  if ((waiting && c.materials.some((m) => m.status === 'missing' || m.status === 'defective')) || (c.phase === 'suspended' && c.clock.suspension?.reason === 'correction')) {
    kinds.push('correction-notice');
  }
  if (c.phase === 'refused') kinds.push('refusal-notice');
  return kinds;
}

/** The server-side file of a case material. */
export function materialFileUrl(caseId: string, materialId: string): string {
  return `/api/cases/${caseId}/materials/${materialId}/file`;
}

type Account = MeResponse['account'];

/**
 * Whether the signed-in account may work on a task: its role, its unit, and not claimed by someone else. The
 * same rule as the server's canWorkOnTask (cases.policy.ts); the server decides, this only chooses buttons.
 */
export function canWorkOnTask(account: Account, task: TaskView): boolean {
  if (task.status !== 'open') return false;
  if (!(account.roles as readonly string[]).includes(task.role)) return false;
  if (task.unitId && task.unitId !== account.orgUnitId) return false;
  return task.assignee === null || task.assignee.id === account.id;
}

/** An open task the account could work on but someone else has claimed. */
export function isClaimedByOther(account: Account, task: TaskView): boolean {
  if (task.status !== 'open' || !task.assignee || task.assignee.id === account.id) return false;
  if (!(account.roles as readonly string[]).includes(task.role)) return false;
  return !task.unitId || task.unitId === account.orgUnitId;
}

/** Where a stage sits in the case's process: its type and whether it is in the first step. */
export function stageOf(c: Pick<CaseDetail, 'definition'>, stageId: string) {
  for (const [stepIndex, step] of c.definition.body.steps.entries()) {
    const stage = step.stages.find((s) => s.id === stageId);
    if (stage) return { stage, stepIndex };
  }
  return null;
}

/** Case numbers look like 130533-20261128-0001. */
export const CASE_NUMBER = /^\d{6}-\d{8}-\d{4,6}$/;
