import type { Role } from '../../../common/roles';
import { hasRole, type Actor, type AccountActor } from '../../platform/auth/actor';
import type { CaseFilter, CaseRow, TaskRow } from './cases.repository';

/** Roles that see every case of the county: window staff answer any applicant (首问负责), the rest oversee. */
const COUNTY_WIDE: readonly Role[] = ['clerk', 'leader', 'issuer', 'supervisor', 'county', 'admin', 'manager'];

/**
 * Which cases an actor may see, as a filter for lists. Applicants: their own. Reviewers and chiefs: cases of
 * their unit or with a task of their unit. Regulators: cases of items from their department (R19). Township
 * clerks: cases of their township. Everyone else: none.
 */
export function caseScope(actor: Actor): Partial<CaseFilter> | null {
  if (actor.kind !== 'account') return null;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return {};
  if (hasRole(actor, 'reviewer', 'chief') && actor.orgUnitId) return { taskUnitId: actor.orgUnitId };
  if (hasRole(actor, 'regulator') && actor.orgUnitId) return { departmentId: actor.orgUnitId };
  if (hasRole(actor, 'township') && actor.townshipCode) return { townshipCode: actor.townshipCode };
  if (hasRole(actor, 'applicant')) return { applicantAccountId: actor.id };
  return null;
}

/** The record-level check behind caseScope, for one case (taskUnitIds: units that have tasks on it). */
export function canViewCase(actor: Actor, c: CaseRow, taskUnitIds: readonly (string | null)[], taskActorIds: readonly (string | null)[]): boolean {
  if (actor.kind !== 'account' || actor.regionCode !== c.regionCode) return false;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return true;
  if (c.firstResponderId === actor.id || taskActorIds.includes(actor.id)) return true;
  if (hasRole(actor, 'reviewer', 'chief') && actor.orgUnitId && (c.executingUnitId === actor.orgUnitId || taskUnitIds.includes(actor.orgUnitId))) {
    return true;
  }
  if (hasRole(actor, 'regulator') && actor.orgUnitId && c.originDepartmentId === actor.orgUnitId) return true;
  if (hasRole(actor, 'township') && actor.townshipCode && c.townshipCode === actor.townshipCode) return true;
  return hasRole(actor, 'applicant') && c.applicantAccountId === actor.id;
}

/** Staff who see ID numbers and phones in full: those who verify identity at intake and deliver results. */
export function seesFullIdentity(actor: Actor, c: CaseRow): boolean {
  if (actor.kind !== 'account') return false;
  if (hasRole(actor, 'applicant')) return c.applicantAccountId === actor.id;
  return hasRole(actor, 'clerk', 'issuer');
}

/** Whether an actor may work on a task: the task's role, the task's unit, and not claimed by someone else. */
export function canWorkOnTask(actor: Actor, task: TaskRow): actor is AccountActor {
  if (actor.kind !== 'account' || actor.regionCode !== task.regionCode) return false;
  if (!actor.roles.includes(task.role as Role)) return false;
  if (task.unitId && task.unitId !== actor.orgUnitId) return false;
  return task.assigneeId === null || task.assigneeId === actor.id;
}

/** Staff who take applications at a window (comprehensive windows accept any item: 无差别受理). */
export function canTakeApplications(actor: Actor): boolean {
  return hasRole(actor, 'clerk', 'township');
}
