/**
 * Who may see which registrations. The bureau's own staff see the county's register; the registration is shared
 * with the tax office and the statistics bureau (三证合一: they receive the record instead of issuing their own
 * certificates) and with the item's origin department (审管衔接); other regulators see none.
 */
import type { Role } from '../../../common/roles';
import { hasRole, type Actor } from '../../platform/auth/actor';

/** Staff who see the whole county's register. */
const COUNTY_WIDE: readonly Role[] = ['clerk', 'reviewer', 'chief', 'leader', 'issuer', 'supervisor', 'manager', 'county', 'admin'];

/**
 * Units that receive every registration (信息共享), by unit code: the tax office (国家税务总局威县税务局) and the
 * statistics bureau. A county whose organisation lacks one of them simply shares with the others.
 */
export const SHARING_UNIT_CODES = { tax: ['CU-SW', 'DEPT-SWJ'], statistics: ['DEPT-TJJ', 'CU-TJ'] } as const;

export interface RegistrationAudience {
  /** Units (org_units.id) whose regulators see the register: the sharing departments and the origin department. */
  sharedUnitIds: ReadonlySet<string>;
  /** Of those, the units that need the legal representative's full ID number (tax registration). */
  fullIdUnitIds: ReadonlySet<string>;
}

/** Whether the actor may read the register at all. */
export function canReadRegistrations(actor: Actor, audience: RegistrationAudience): boolean {
  if (actor.kind !== 'account' || actor.accountKind !== 'staff') return false;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return true;
  return hasRole(actor, 'regulator') && actor.orgUnitId !== null && audience.sharedUnitIds.has(actor.orgUnitId);
}

/**
 * Who sees the legal representative's ID number in full: staff who check identity at the window and issue the
 * licence, administrators, and the tax office. Everyone else sees it masked (个人信息保护法: only as needed).
 */
export function seesLegalRepId(actor: Actor, audience: RegistrationAudience): boolean {
  if (actor.kind !== 'account') return false;
  if (hasRole(actor, 'clerk', 'issuer', 'admin')) return true;
  return hasRole(actor, 'regulator') && actor.orgUnitId !== null && audience.fullIdUnitIds.has(actor.orgUnitId);
}
