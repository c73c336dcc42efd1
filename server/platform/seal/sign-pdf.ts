import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { recordEvent, type AuditContext } from '../audit/audit';
import type { Tx } from '../db/client';
import { loadFonts } from '../pdf/fonts';
import { SEAL_BOXES_KEY } from '../pdf/paint';
import { drawSeal, type SealBox } from './seal-image';
import { SealSigner } from './seal-signer';
import { assertCertificateCurrent, requireActiveSealKey, SealKeyError } from './seal-key';
import { insertSealUse } from './seal.repository';

/**
 * Seals and signs a PDF with the bureau's one approval seal (R2): the seal is drawn where the document left
 * room for it, and the file is signed with the seal's key (PDF signature, PKCS#7 detached, SHA-256), so that
 * any change to the signed bytes is detected by any PDF reader (poppler's pdfsig, Acrobat, Foxit). Every use
 * is registered (`seal_uses`) and audited in the caller's transaction: a document whose transaction rolls back
 * leaves no trace of having been sealed.
 */

/** A seal position: page index (from 0) and a square in PDF points, as the layout's seal boxes give it. */
export interface SealPlacement extends SealBox {
  page: number;
}

export interface SignPdfOptions {
  /** /Reason of the signature, e.g. 准予行政许可. */
  reason: string;
  /** /Location, e.g. 河北省邢台市威县. */
  location: string;
  /** /ContactInfo, e.g. the bureau's phone. */
  contactInfo?: string;
  /** /Name: who signs (the organ), shown by readers beside the certificate's name. */
  signerName: string;
  /** Where to press the seal; by default every box the document recorded under OneWindowSealBoxes. */
  sealBox?: SealPlacement;
  /** Which region's seal, and the passphrase that opens its key (config.sealPassphrase). */
  seal: { regionCode: string; passphrase: string };
  /** What is sealed and by whom, for the register of seal uses and the audit log. */
  use: {
    /** e.g. 'certificate', 'acceptance_notice'. */
    kind: string;
    /** e.g. the certificate number or the case number. */
    reference: string;
    audit: AuditContext;
  };
}

export interface SignedPdf {
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, hex: the file's content address and how a presented copy is looked up. */
  sha256: string;
  sealUseId: string;
  sealKeyId: string;
  certificateSerial: string;
  signedAt: Date;
}

export class SignPdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignPdfError';
  }
}

/**
 * Room for the PKCS#7 in /Contents (bytes): the 3072-bit signature, the certificate and a chain of two or
 * three CA certificates of an imported key. Unused room is zero padding.
 */
const SIGNATURE_LENGTH = 12_000;

/** The seal boxes a document recorded at layout time (paint.ts writes them into the information dictionary). */
export function recordedSealBoxes(doc: PDFDocument): SealPlacement[] {
  const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict);
  const value = info?.lookupMaybe(PDFName.of(SEAL_BOXES_KEY), PDFString, PDFHexString);
  if (!value) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.decodeText());
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (box): box is SealPlacement =>
      typeof box === 'object' && box !== null && ['page', 'x', 'y', 'width', 'height'].every((k) => typeof (box as Record<string, unknown>)[k] === 'number'),
  );
}

/** Signatures a document already carries: re-saving would break them, so such a file is refused. */
function hasSignature(doc: PDFDocument): boolean {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  return form?.has(PDFName.of('SigFlags')) ?? false;
}

/** Draws the seal, adds the signature and registers the use, in the caller's transaction. */
export async function signPdf(tx: Tx, pdf: Uint8Array, options: SignPdfOptions): Promise<SignedPdf> {
  const { audit } = options.use;
  const signedAt = new Date(Math.floor(audit.clock.now().getTime() / 1000) * 1000);
  const key = await requireActiveSealKey(tx, options.seal.regionCode);
  assertCertificateCurrent(key, signedAt);

  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (hasSignature(doc)) throw new SignPdfError('文件已有签名，不能再次盖章。 / The PDF is already signed; sealing it again would break that signature.');
  const boxes = options.sealBox ? [options.sealBox] : recordedSealBoxes(doc);
  if (boxes.length === 0) throw new SignPdfError('文件没有留出盖章位置。 / The PDF has no seal box and none was given.');
  const pages = doc.getPages();
  const fonts = await loadFonts();
  for (const box of boxes) {
    const page = pages[box.page];
    if (!page) throw new SignPdfError(`盖章位置所在的第 ${box.page + 1} 页不存在。 / Seal box on page ${box.page + 1}, which the PDF does not have.`);
    await drawSeal(page, box, { organName: key.organName, code: key.sealCode }, { fonts });
  }

  // The signature field lies over the (first) seal: clicking the seal in a reader shows the signature.
  const first = boxes[0]!;
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: pages[first.page]!,
    reason: options.reason,
    location: options.location,
    contactInfo: options.contactInfo ?? '',
    name: options.signerName,
    signingTime: signedAt,
    signatureLength: SIGNATURE_LENGTH,
    // adbe.pkcs7.detached: what P12Signer's PKCS#7 is (ETSI.CAdES.detached would need the ESS signing-certificate-v2 attribute).
    subFilter: 'adbe.pkcs7.detached',
    widgetRect: [first.x, first.y, first.x + first.width, first.y + first.height],
    appName: 'OneWindow 一窗通',
  });
  doc.setModificationDate(signedAt);
  // No object streams: the signature dictionary must stay a plain object whose /Contents can be patched.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));

  let signed: Buffer;
  try {
    // A new signer (and a new SignPdf, which keeps the last signature) per document.
    signed = await new SignPdf().sign(prepared, new SealSigner(Buffer.from(key.pkcs12, 'base64'), options.seal.passphrase), signedAt);
  } catch (error) {
    if (error instanceof SealKeyError && error.problem === 'wrong_passphrase') {
      throw new SealKeyError('wrong_passphrase', `印章口令错误（证书序列号 ${key.serialNumber}）。 / The seal passphrase does not open the key (certificate serial ${key.serialNumber}).`);
    }
    throw error;
  }

  const bytes = new Uint8Array(signed);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const use = await insertSealUse(tx, {
    regionCode: options.seal.regionCode,
    sealKeyId: key.id,
    documentKind: options.use.kind,
    documentReference: options.use.reference,
    pdfSha256: sha256,
    reason: options.reason,
    actorId: audit.actor.kind === 'account' ? audit.actor.id : null,
    actorName: audit.actor.kind === 'account' ? audit.actor.username : audit.actor.kind === 'system' ? `system:${audit.actor.name}` : 'anonymous',
    actorRole: audit.role,
    at: signedAt,
  });
  await recordEvent(tx, audit, {
    action: 'seal.use',
    subjectType: 'seal_use',
    subjectId: use.id,
    after: { documentKind: options.use.kind, documentReference: options.use.reference, pdfSha256: sha256, certificateSerial: key.serialNumber, reason: options.reason },
  });
  return { bytes, sha256, sealUseId: use.id, sealKeyId: key.id, certificateSerial: key.serialNumber, signedAt };
}
