import { hasRole, type Actor } from '../../platform/auth/actor';
import type { UnitRow } from './org.repository';

/**
 * Who may change which organisational record. Administrators change everything; the centre's managers
 * (管委会, R18) change the stationed units, their chief representatives and the windows.
 */
export function canEditUnit(actor: Actor, unit: Pick<UnitRow, 'kind' | 'regionCode'>): boolean {
  if (actor.kind !== 'account' || actor.regionCode !== unit.regionCode) return false;
  if (hasRole(actor, 'admin')) return true;
  return hasRole(actor, 'manager') && unit.kind === 'center_unit';
}

export function canCreateUnitOfKind(actor: Actor, kind: string): boolean {
  if (hasRole(actor, 'admin')) return true;
  return hasRole(actor, 'manager') && kind === 'center_unit';
}

export function canEditWindows(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'manager');
}

export function canEditTownship(actor: Actor, townshipCode: string): boolean {
  if (hasRole(actor, 'admin')) return true;
  return actor.kind === 'account' && actor.townshipCode === townshipCode && hasRole(actor, 'township');
}
