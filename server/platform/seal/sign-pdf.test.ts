import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../auth/actor';
import { inTransaction, queryRows, type Database } from '../db/client';
import { A4, renderPdf, type Block } from '../pdf/index';
import { pdfSignatures, pdfToText, pointsToPixels, redShare, renderPageRgb } from '../pdf/poppler';
import { auditAs, fixedClock, productionPkcs12, REGION, SEAL_TEST_PASSPHRASE, sealTestDatabase } from './seal.fixtures';
import { findActiveSealKey } from './seal.repository';
import { importSealKey, SealKeyError } from './seal-key';
import { recordedSealBoxes, signPdf, SignPdfError, type SignPdfOptions } from './sign-pdf';
import { PDFDocument } from 'pdf-lib';

/**
 * Sealing and signing a generated document, checked as a reader checks it: poppler's pdfsig finds the signature
 * valid and made by the seal's certificate, one changed byte breaks it, the seal is visibly red where the
 * document left room for it, and the use is registered and audited in the caller's transaction only.
 */

let database: Database;
let drop: () => Promise<void>;
let document: Uint8Array;
let signed: Awaited<ReturnType<typeof signPdf>>;

const BLOCKS: Block[] = [
  { kind: 'text', text: '准予行政许可决定书', size: 22, weight: 'bold', align: 'center', spaceAfter: 24 },
  { kind: 'text', text: '威县洺州镇好味食品店：', size: 16 },
  { kind: 'text', text: '你（单位）于2026年3月2日提出的食品经营许可申请，经审查，符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。', size: 16, indent: 2, spaceAfter: 30 },
  { kind: 'signature', lines: ['威县行政审批局', '2026年3月16日'], size: 16 },
];

function options(overrides: Partial<SignPdfOptions> = {}, reference = 'WX202603020001'): SignPdfOptions {
  return {
    reason: '准予行政许可',
    location: '河北省邢台市威县',
    contactInfo: '0319-6123000',
    signerName: '威县行政审批局',
    seal: { regionCode: REGION, passphrase: SEAL_TEST_PASSPHRASE },
    use: { kind: 'approval_decision', reference, audit: auditAs(systemClock, 'issuer') },
    ...overrides,
  };
}

beforeAll(async () => {
  ({ database, drop } = await sealTestDatabase());
  document = await renderPdf(BLOCKS, { title: '准予行政许可决定书', author: '威县行政审批局', language: 'zh-CN', date: new Date('2026-03-16T00:00:00+08:00') });
  signed = await inTransaction(database.db, (tx) => signPdf(tx, document, options()));
});
afterAll(() => drop());

describe('a signed document', () => {
  it('is reported valid by pdfsig, signed by the seal certificate over the whole file', async () => {
    const { output, signatures } = await pdfSignatures(signed.bytes);
    expect(signatures, output).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      validation: 'Signature is Valid.',
      commonName: '威县行政审批局审批专用章',
      distinguishedName: 'C=CN,O=威县行政审批局,CN=威县行政审批局审批专用章',
      hashAlgorithm: 'SHA-256',
      type: 'adbe.pkcs7.detached',
      totalDocumentSigned: true,
    });
    // Self-signed: the certificate is not in the reader's trust store, which is expected here.
    expect(signatures[0]!.certificateValidation).toBe('Certificate issuer is unknown.');
    expect(signed.sha256).toBe(createHash('sha256').update(signed.bytes).digest('hex'));
  });

  it('is reported broken by pdfsig when one byte inside the signed ranges changes', async () => {
    const bytes = Buffer.from(signed.bytes);
    const contents = bytes.indexOf('/Contents <');
    // One byte of page content in the first range, one letter of /Location in the second (after /Contents).
    const inFirst = Math.floor(contents / 2);
    const location = bytes.indexOf('/Location (', contents) + '/Location ('.length + 2;
    for (const at of [inFirst, location]) {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      const { output, signatures } = await pdfSignatures(copy);
      expect(output).not.toContain('Signature is Valid.');
      expect(signatures[0]?.validation ?? output, `byte ${at}`).toMatch(/Digest Mismatch|Invalid|corrupt/i);
    }
  });

  it('shows the seal in red in the box the document left for it, and nowhere else', async () => {
    const [box] = recordedSealBoxes(await PDFDocument.load(document, { updateMetadata: false }));
    expect(box).toBeDefined();
    const dpi = 50;
    const page = await renderPageRgb(signed.bytes, box!.page + 1, dpi);
    expect(redShare(page, pointsToPixels(box!, A4.height, dpi))).toBeGreaterThan(0.08);
    const outside = pointsToPixels({ x: 0, y: 0, width: box!.x - 2, height: A4.height }, A4.height, dpi);
    expect(redShare(page, outside)).toBe(0);
    const unsignedPage = await renderPageRgb(document, box!.page + 1, dpi);
    expect(redShare(unsignedPage, pointsToPixels(box!, A4.height, dpi))).toBe(0);
    // The document's own text is all still there.
    expect((await pdfToText(signed.bytes)).replace(/\s+/g, '')).toContain('决定准予行政许可');
  });

  it('is registered as a use of the seal and audited, in the transaction that signed it', async () => {
    const key = await findActiveSealKey(database.db, REGION);
    const uses = await queryRows<{ id: string; seal_key_id: string; document_kind: string; document_reference: string; pdf_sha256: string; actor_name: string; reason: string }>(
      database.db,
      sql`select id, seal_key_id, document_kind, document_reference, pdf_sha256, actor_name, reason from seal_uses where id = ${signed.sealUseId}`,
    );
    expect(uses).toEqual([
      {
        id: signed.sealUseId,
        seal_key_id: key!.id,
        document_kind: 'approval_decision',
        document_reference: 'WX202603020001',
        pdf_sha256: signed.sha256,
        actor_name: 'system:issuer',
        reason: '准予行政许可',
      },
    ]);
    const audit = await queryRows<{ action: string; summary: { after: { pdfSha256: string; documentReference: string } } }>(
      database.db,
      sql`select action, summary from audit_events where subject_type = 'seal_use' and subject_id = ${signed.sealUseId}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'seal.use', summary: { after: { pdfSha256: signed.sha256, documentReference: 'WX202603020001' } } });
  });

  it('leaves no use and no audit entry when the transaction rolls back', async () => {
    const count = async () =>
      (
        await queryRows<{ uses: number; events: number }>(
          database.db,
          sql`select (select count(*)::int from seal_uses) as uses, (select count(*)::int from audit_events where action = 'seal.use') as events`,
        )
      )[0]!;
    const before = await count();
    const error = await inTransaction(database.db, async (tx) => {
      await signPdf(tx, document, options({}, 'WX-ROLLED-BACK'));
      throw new Error('the certificate could not be stored');
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('the certificate could not be stored');
    expect(await count()).toEqual(before);
    const rows = await queryRows(database.db, sql`select id from seal_uses where document_reference = 'WX-ROLLED-BACK'`);
    expect(rows).toHaveLength(0);
  });
});

describe('what signPdf refuses', () => {
  const attempt = (pdf: Uint8Array, overrides: Partial<SignPdfOptions> = {}) => inTransaction(database.db, (tx) => signPdf(tx, pdf, options(overrides)));

  it('places the seal where told, and refuses a document with no room for it', async () => {
    const plain = await renderPdf([{ kind: 'text', text: '无落款的页面' }], { title: 't', author: 'a', language: 'zh-CN', date: new Date('2026-01-01Z') });
    await expect(attempt(plain)).rejects.toThrow(SignPdfError);
    await expect(attempt(plain)).rejects.toThrow(/no seal box/);
    const box = { page: 0, x: 300, y: 300, width: 119, height: 119 };
    const placed = await attempt(plain, { sealBox: box });
    const page = await renderPageRgb(placed.bytes, 1, 50);
    expect(redShare(page, pointsToPixels(box, A4.height, 50))).toBeGreaterThan(0.08);
    expect((await pdfSignatures(placed.bytes)).signatures[0]?.validation).toBe('Signature is Valid.');
    await expect(attempt(plain, { sealBox: { ...box, page: 3 } })).rejects.toThrow(/page 4/);
  });

  it('refuses to sign a signed file again (that would break its signature)', async () => {
    await expect(attempt(signed.bytes)).rejects.toThrow(/already signed/);
  });

  it('refuses without a key for the region, with a wrong passphrase, or with an expired certificate', async () => {
    await expect(attempt(document, { seal: { regionCode: '130500', passphrase: SEAL_TEST_PASSPHRASE } })).rejects.toMatchObject({ problem: 'no_active_key' });
    await expect(attempt(document, { seal: { regionCode: REGION, passphrase: 'not-the-seal-passphrase' } })).rejects.toMatchObject({ problem: 'wrong_passphrase' });
    const key = (await findActiveSealKey(database.db, REGION))!;
    const later = auditAs(fixedClock(new Date(key.notAfter.getTime() + 1000).toISOString()));
    const error = await attempt(document, { use: { kind: 'approval_decision', reference: 'x', audit: later } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealKeyError);
    expect((error as SealKeyError).message).toMatch(/expired on/);
  });
});

describe('an imported production certificate', () => {
  it('signs with its CA chain, and pdfsig names the imported certificate', async () => {
    const now = new Date();
    const { file } = productionPkcs12(now, 'county-ca-passphrase');
    await inTransaction(database.db, (tx) =>
      importSealKey(tx, { regionCode: REGION, file, filePassphrase: 'county-ca-passphrase', passphrase: SEAL_TEST_PASSPHRASE, sealCode: '1305330012345', audit: auditAs(systemClock) }),
    );
    const result = await inTransaction(database.db, (tx) => signPdf(tx, document, options({}, 'WX202603020009')));
    const { signatures } = await pdfSignatures(result.bytes);
    expect(signatures[0]).toMatchObject({ validation: 'Signature is Valid.', commonName: '威县行政审批局审批专用章' });
    const key = (await findActiveSealKey(database.db, REGION))!;
    expect(result.sealKeyId).toBe(key.id);
    expect(result.certificateSerial).toBe(key.serialNumber);
  });
});
