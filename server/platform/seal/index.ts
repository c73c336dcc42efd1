/**
 * The bureau's one approval seal (审批专用章, R2): drawn by code, its signing key in the database, and signPdf,
 * which presses the seal and signs the PDF in the caller's transaction. See docs/adr/0003-approval-seal.md.
 */
export { APPROVAL_SEAL_TITLE, drawSeal, SEAL_DIAMETER_MM, sealGeometry, sealSvg, type SealBox, type SealDesign, type SealGeometry, type SealGlyph } from './seal-image';
export {
  checkSealPkcs12,
  ensureSealKey,
  generateSealKey,
  importSealKey,
  requireActiveSealKey,
  SealKeyError,
  summarizeCertificate,
  type CertificateSummary,
  type EnsureSealKeyResult,
  type SealKeyProblem,
} from './seal-key';
export { findActiveSealKey, findSealKeyById, findSealUseByPdf, findSealUsesOfDocument, listSealKeys, type SealKeyRow, type SealUseRow } from './seal.repository';
export * from './seal.tables';
export { recordedSealBoxes, signPdf, SignPdfError, type SealPlacement, type SignedPdf, type SignPdfOptions } from './sign-pdf';
