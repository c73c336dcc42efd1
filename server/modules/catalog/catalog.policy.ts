import type { Role } from '../../../common/roles';
import type { Actor } from '../../platform/auth/actor';

/** Roles that see every item of the county in the staff catalogue. */
const COUNTY_WIDE: readonly Role[] = ['admin', 'clerk', 'reviewer', 'chief', 'leader', 'issuer', 'agent', 'supervisor', 'manager', 'township', 'county'];

/**
 * Which items an actor sees in the staff catalogue. A regulator (行业主管部门) sees the items that came from
 * their own department (R19); every other staff role sees the whole county. The public guide is separate and
 * shows every active item to everyone.
 */
export function staffItemScope(actor: Actor): { departmentId?: string } | null {
  if (actor.kind !== 'account') return null;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return {};
  if (actor.roles.includes('regulator')) return actor.orgUnitId ? { departmentId: actor.orgUnitId } : null;
  return null;
}

export function canSeeItem(actor: Actor, item: { originDepartmentId: string | null; regionCode: string }): boolean {
  if (actor.kind !== 'account' || actor.regionCode !== item.regionCode) return false;
  const scope = staffItemScope(actor);
  if (!scope) return false;
  return !scope.departmentId || scope.departmentId === item.originDepartmentId;
}
