/**
 * 自助打印 at the kiosk: after the identity check (case number, the applicant's full ID number and phone, both
 * matching the case), the case's notices and its certificates as PDFs to print. Every print is audited: it hands
 * personal data to whoever stands at the kiosk.
 */
import type { z } from 'zod';
import { maskName } from '../../../common/mask';
import { recordEvent } from '../../platform/audit/audit';
import type { Config } from '../../config';
import type { FileStore } from '../../platform/files/store';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { toShanghaiDate } from '../calendar';
import { findCaseOfApplicant, renderCaseDocument, type DocumentKind } from '../cases';
import { certificatesOfCase, pdfOfCaseCertificate } from '../certificates';
import type { KioskDocumentsView, KioskIdentityBody, KioskPrintBody } from './hall.schemas';

const TITLES: Record<DocumentKind, { zh: string; en: string }> = {
  'acceptance-notice': { zh: '受理通知书', en: 'Acceptance notice' },
  'time-limit-card': { zh: '限时办结卡', en: 'Time-limit card' },
  'correction-notice': { zh: '一次性告知单', en: 'One-time notice of missing materials' },
  'refusal-notice': { zh: '不予受理通知书', en: 'Notice of refusal' },
};

export async function listDocuments(ctx: ReadContext, input: z.infer<typeof KioskIdentityBody>, locale: 'zh' | 'en'): Promise<z.infer<typeof KioskDocumentsView>> {
  const c = await findCaseOfApplicant(ctx, input);
  const kinds: DocumentKind[] = [];
  if (c.acceptedOn) kinds.push('acceptance-notice');
  if (c.acceptedOn && c.promisedDays > 0) kinds.push('time-limit-card');
  if (c.phase === 'awaiting_materials') kinds.push('correction-notice');
  if (c.phase === 'refused') kinds.push('refusal-notice');
  const certificates = await certificatesOfCase(ctx.tx, c.id, toShanghaiDate(ctx.clock.now()));
  return {
    number: c.number,
    itemName: c.itemName,
    applicant: c.applicantKind === 'person' ? (maskName(c.applicantName) ?? '') : c.applicantName,
    documents: kinds.map((kind) => ({ kind, title: TITLES[kind][locale] })),
    certificates: certificates
      .filter((cert) => cert.status === 'valid')
      .map((cert) => ({ number: cert.number, displayNumber: cert.displayNumber, title: cert.title })),
  };
}

export async function printDocument(
  ctx: WriteContext,
  deps: { config: Config; files: FileStore },
  input: z.infer<typeof KioskPrintBody>,
  locale: 'zh' | 'en',
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const c = await findCaseOfApplicant(ctx, input);
  const doc =
    input.document === 'certificate'
      ? await pdfOfCaseCertificate(ctx, deps.files, c.id, input.certificateNumber ?? '')
      : await renderCaseDocument(ctx, deps.config, c.id, input.document, locale, { applicantVerified: true });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'kiosk.document.printed',
    subjectType: 'case',
    subjectId: c.id,
    after: { document: input.document, certificateNumber: input.certificateNumber ?? null },
  });
  return doc;
}
