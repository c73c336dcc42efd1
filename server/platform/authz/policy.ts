import type { Role } from '../../../common/roles';

/**
 * The permission table: which roles may do what. Routes declare one permission (or public / authenticated);
 * the server enforces it before the handler runs and the access-matrix test reads the same table. Record-level
 * scope (an applicant's own cases, a township's records, a department's items) is applied in the services.
 */
export const PERMISSIONS = {
  /** Read the organisation: departments, sections, units, zones, windows, townships. */
  'org.read': ['clerk', 'reviewer', 'chief', 'leader', 'issuer', 'agent', 'regulator', 'supervisor', 'manager', 'township', 'county', 'admin'],
  /** Edit units, windows, chief representatives (managers: the centre's units and windows only). */
  'org.manage': ['admin', 'manager'],
  /** Edit a township's convenience service centre (township clerks: their own township only). */
  'org.township.manage': ['admin', 'township'],
  /** Read the full catalogue with drafts and suspended items. */
  'catalog.read': ['clerk', 'reviewer', 'chief', 'leader', 'issuer', 'agent', 'regulator', 'supervisor', 'manager', 'township', 'county', 'admin'],
  /** Edit items and materials, import and export. */
  'catalog.manage': ['admin'],
  /** List, create and change accounts and their roles. */
  'accounts.manage': ['admin'],
  /** Enter local calendar overrides (closures, worked days) and declare or undeclare years not in the official data. */
  'calendar.manage': ['admin'],
  /** Take applications at a window (综合窗口) or a township platform: accept, notify, refuse, forward. */
  'cases.intake': ['clerk', 'township'],
  /** Work on tasks in inboxes: claim, approve, return, reject, correction, special procedures, extension. */
  'tasks.work': ['clerk', 'reviewer', 'chief', 'leader', 'issuer'],
  /** Supervise deadlines: the overdue and due-soon lists (超期督办). */
  'cases.supervise': ['supervisor', 'leader', 'county', 'manager', 'admin'],
  /** Apply online as the applicant (网上申报). */
  'applications.own': ['applicant'],
  /** Read the certificate registry (regulators: certificates of their department's items). */
  'certificates.read': ['issuer', 'leader', 'clerk', 'reviewer', 'chief', 'supervisor', 'manager', 'county', 'admin', 'regulator'],
  /** Revoke certificates and issue changed versions. */
  'certificates.manage': ['issuer', 'leader', 'admin'],
  /** Read the register of market entities (regulators: those the registration is shared with — tax, statistics). */
  'registrations.read': ['clerk', 'reviewer', 'chief', 'leader', 'issuer', 'supervisor', 'manager', 'county', 'admin', 'regulator'],
  /** 好差评 as the applicant: rate their own closed cases and window visits, submit and follow complaints. */
  'evaluations.own': ['applicant'],
  /** Read evaluations, rectifications and the statistics (chiefs: their unit's; regulators: their department's). */
  'evaluations.read': ['supervisor', 'manager', 'chief', 'leader', 'county', 'admin', 'regulator'],
  /** Work on a 差评's rectification: verify, rectify, call back, close, appeal as invalid (chiefs: their unit's). */
  'evaluations.manage': ['supervisor', 'manager', 'chief', 'leader'],
  /** Decide an appeal that a 差评 is invalid (无效差评审核). */
  'evaluations.review': ['supervisor'],
  /** Set the rectification time limit and the window code's validity. */
  'evaluations.configure': ['admin'],
  /** Show a window visit's one-time evaluation code on the clerk's screen. */
  'evaluations.window': ['clerk'],
  /** Read complaints and suggestions (投诉建议). */
  'complaints.read': ['manager', 'supervisor', 'leader', 'county', 'admin'],
  /** Assign, reply to and close complaints and suggestions. */
  'complaints.handle': ['manager', 'supervisor'],
  /** Book, change and cancel one's own appointments (预约办理), check in, take a queue ticket on the phone. */
  'hall.own': ['applicant'],
  /** Call the queue at one's own window: next, recall, skip, complete, transfer (叫号). */
  'queue.window': ['clerk'],
  /** See the hall's day: queues, appointments, the windows' service records (窗口绩效). */
  'hall.read': ['clerk', 'manager', 'supervisor', 'leader', 'county', 'admin'],
  /** Set the hall's opening hours, slot capacities, closures and the no-show rule. */
  'hall.manage': ['manager', 'admin'],
  /** Read the audit log. */
  'audit.read': ['admin', 'supervisor'],
  /** Verify the audit chain. */
  'audit.verify': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** How a route may be reached. Every route must declare one; a route without it fails the server start. */
export type Access = { public: true } | { authenticated: true } | { permission: Permission };

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

/** The role under which an account holding `roles` may use `permission`, or null when none may. */
export function grantingRole(roles: readonly Role[], permission: Permission): Role | null {
  const allowed = PERMISSIONS[permission] as readonly Role[];
  return roles.find((r) => allowed.includes(r)) ?? null;
}

/** The permissions an account with these roles holds; sent to the client so that menus follow the policy. */
export function abilitiesOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => grantingRole(roles, p) !== null);
}
