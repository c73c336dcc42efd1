/**
 * What other capabilities do when a case reaches a point of its life: the e-certificate is issued when the
 * certificate stage is done (统一发证), the business registration assigns its credit code when a registration is
 * decided. buildApp() wires them, so the case module knows none of those modules.
 */
import type { WriteContext } from '../../platform/http/context';
import type { CaseRow } from './cases.repository';

export interface IssuedCertificate {
  number: string;
  displayNumber: string;
  title: string;
}

export interface CaseHooks {
  /** The decision stage is done (准予 or 不予). */
  decided?: (ctx: WriteContext, c: CaseRow, decision: 'approved' | 'denied') => Promise<void>;
  /** The certificate stage is done after 准予: issue the certificate(s) of the case. */
  certificate?: (ctx: WriteContext, c: CaseRow) => Promise<IssuedCertificate[]>;
}

let hooks: CaseHooks = {};

export function setCaseHooks(next: CaseHooks): void {
  hooks = next;
}

export function caseHooks(): CaseHooks {
  return hooks;
}
