import type { Role } from '../../../common/roles';
import { OPEN_RECTIFICATION_STATES, type RectificationState } from '../../../common/evaluations';
import { hasRole, type Actor } from '../../platform/auth/actor';
import type { EvaluationScope } from './evaluations.repository';

/** Staff who see every evaluation of the county: supervision, the centre, the leaders, the administrator. */
const COUNTY_WIDE: readonly Role[] = ['supervisor', 'manager', 'leader', 'county', 'admin'];
/** Staff who work on any unit's rectification (chiefs work on their own unit's). */
const RECTIFY_ANY: readonly Role[] = ['supervisor', 'manager', 'leader'];

/**
 * Which evaluations an actor may list: county-wide staff all of the region's, a chief their unit's, a regulator
 * those of their department's items (审管衔接); null for everyone else.
 */
export function evaluationScope(actor: Actor): Omit<EvaluationScope, 'regionCode'> | null {
  if (actor.kind !== 'account') return null;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return {};
  if (hasRole(actor, 'chief') && actor.orgUnitId) return { unitId: actor.orgUnitId };
  if (hasRole(actor, 'regulator') && actor.orgUnitId) return { departmentId: actor.orgUnitId };
  return null;
}

/** The record-level check behind evaluationScope. */
export function canReadEvaluation(actor: Actor, e: { regionCode: string; unitId: string; departmentId: string | null }): boolean {
  if (actor.kind !== 'account' || actor.regionCode !== e.regionCode) return false;
  const scope = evaluationScope(actor);
  if (!scope) return false;
  if (scope.unitId) return e.unitId === scope.unitId;
  if (scope.departmentId) return e.departmentId === scope.departmentId || e.unitId === scope.departmentId;
  return true;
}

/** Who works on a rectification: supervision, the centre and the leaders on any; a chief on their unit's. */
export function canWorkOnRectification(actor: Actor, r: { regionCode: string; unitId: string }): boolean {
  if (actor.kind !== 'account' || actor.regionCode !== r.regionCode) return false;
  if (actor.roles.some((role) => RECTIFY_ANY.includes(role))) return true;
  return hasRole(actor, 'chief') && !!actor.orgUnitId && actor.orgUnitId === r.unitId;
}

/** The evaluator's name and phone in full: only for those who call back (个人信息保护法: the minimum needed). */
export function seesEvaluatorContact(actor: Actor, e: { regionCode: string; unitId: string }): boolean {
  return canWorkOnRectification(actor, e);
}

export interface RectificationAbilities {
  verify: boolean;
  start: boolean;
  callback: boolean;
  close: boolean;
  requestReview: boolean;
  decideReview: boolean;
}

/** What the actor may do to the rectification now; the console shows exactly these actions. */
export function rectificationAbilities(
  actor: Actor,
  r: { regionCode: string; unitId: string; state: string; reviewStatus: string; callbackAt: Date | null; reviewRequestedById: string | null },
): RectificationAbilities {
  const works = canWorkOnRectification(actor, r);
  const isOpen = OPEN_RECTIFICATION_STATES.includes(r.state as RectificationState);
  const underReview = r.reviewStatus === 'requested';
  return {
    verify: works && r.state === 'received' && !underReview,
    start: works && r.state === 'verifying' && !underReview,
    callback: works && r.state === 'rectifying' && !underReview,
    close: works && r.state === 'rectifying' && !underReview && r.callbackAt !== null,
    // One appeal per 差评; a rejected appeal is final.
    requestReview: works && isOpen && r.reviewStatus === 'none',
    // 无效差评审核: a supervisor other than the one who appealed.
    decideReview:
      underReview && hasRole(actor, 'supervisor') && actor.kind === 'account' && actor.regionCode === r.regionCode && actor.id !== r.reviewRequestedById,
  };
}

export function complaintAbilities(actor: Actor, c: { regionCode: string; state: string }) {
  const handles = actor.kind === 'account' && actor.regionCode === c.regionCode && hasRole(actor, 'manager', 'supervisor');
  return {
    assign: handles && (c.state === 'submitted' || c.state === 'assigned'),
    reply: handles && (c.state === 'submitted' || c.state === 'assigned' || c.state === 'replied'),
    close: handles && c.state === 'replied',
  };
}
