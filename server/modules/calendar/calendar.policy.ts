import { hasRole, type Actor } from '../../platform/auth/actor';

/**
 * Who may change a region's working calendar: its administrators. Everyone may read it, because every
 * applicant is entitled to know when their time limit ends.
 */
export function canManageCalendar(actor: Actor, regionCode: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'account' && actor.regionCode === regionCode && hasRole(actor, 'admin');
}
