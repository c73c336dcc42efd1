import type { Role } from '../../../common/roles';

/** Who is making a request. Services receive it explicitly and scope every read and write by it. */
export type Actor = AnonymousActor | AccountActor | SystemActor;

export interface AnonymousActor {
  kind: 'anonymous';
}

export interface AccountActor {
  kind: 'account';
  id: string;
  username: string;
  displayName: string;
  accountKind: 'staff' | 'applicant';
  roles: Role[];
  regionCode: string;
  orgUnitId: string | null;
  townshipCode: string | null;
  windowId: string | null;
  subjectKind: 'person' | 'enterprise' | null;
  sessionId: string | null;
}

/** Seeds, migrations, CLI commands and background jobs. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

export function systemActor(name: string): SystemActor {
  return { kind: 'system', name };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.kind === 'account' && actor.roles.some((r) => roles.includes(r));
}

/** The clock every use case reads; tests pass a fixed one so that time limits are tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
