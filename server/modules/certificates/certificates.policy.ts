import type { Role } from '../../../common/roles';
import { hasRole, type Actor } from '../../platform/auth/actor';
import type { DbOrTx } from '../../platform/db/client';
import { findItemById } from '../catalog';
import type { CertificateFilter, CertificateRow } from './certificates.repository';

/** Staff who see the whole county's certificate registry. */
const COUNTY_WIDE: readonly Role[] = ['issuer', 'leader', 'clerk', 'reviewer', 'chief', 'supervisor', 'manager', 'county', 'admin'];

/**
 * The registry as an actor may list it: county-wide staff all of it, a regulator the certificates of items from
 * their department (审管衔接, R19); applicants use their own list.
 */
export function certificateScope(actor: Actor): Partial<CertificateFilter> | null {
  if (actor.kind !== 'account') return null;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return {};
  if (hasRole(actor, 'regulator') && actor.orgUnitId) return { originDepartmentId: actor.orgUnitId };
  return null;
}

/** Record-level check for one certificate: staff in scope, or the holder's own account. */
export async function canReadCertificate(ctx: { tx: DbOrTx; actor: Actor }, row: CertificateRow): Promise<boolean> {
  const actor = ctx.actor;
  if (actor.kind !== 'account' || actor.regionCode !== row.regionCode) return false;
  if (actor.roles.some((r) => COUNTY_WIDE.includes(r))) return true;
  if (row.holderAccountId === actor.id) return true;
  if (hasRole(actor, 'regulator') && actor.orgUnitId) {
    const item = await findItemById(ctx.tx, row.itemId);
    return item?.originDepartmentId === actor.orgUnitId;
  }
  return false;
}
