/**
 * What other capabilities do when a case reaches a point of its life: the e-certificate is issued when the
 * certificate stage is done (统一发证), the business registration assigns its credit code when a registration is
 * decided. buildApp() wires them, so the case module knows none of those modules.
 */
import type { DbOrTx } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import type { FieldProblem } from '../../platform/http/errors';
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
  /** 证照复用: the certificate with this number (any written form) if it is in force and held by holderIdNumber. */
  reusableCertificate?: (tx: DbOrTx, regionCode: string, number: string, holderIdNumber: string, today: string) => Promise<{ number: string; title: string } | null>;
  /**
   * Item-specific checks of the application form when a case is taken (window intake, online application or its
   * update), e.g. the 登记信息 of a business registration; the problems, with paths under `path`, join the 400.
   */
  validateForm?: (
    ctx: ReadContext,
    input: { itemCode: string; form: Record<string, unknown>; applicant: { kind: string; idNumber: string }; caseId?: string; path: string },
  ) => Promise<FieldProblem[]>;
  /**
   * The item's form check takes locks that must hold until the case is written (a registration's enterprise
   * name): its window intake then runs in one transaction from the checks to the write, not in a group commit.
   */
  formHoldsLocks?: (itemCode: string) => boolean;
}

let hooks: CaseHooks = {};

export function setCaseHooks(next: CaseHooks): void {
  hooks = next;
}

export function caseHooks(): CaseHooks {
  return hooks;
}
