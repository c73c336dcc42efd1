/**
 * The certificate as a printable page: title, number, holder, the template's fields, the issuing organ and date
 * with room for the seal, and a QR code that opens the public verification page. The seal and the digital
 * signature are added afterwards (platform/seal). Equal input gives equal bytes.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { fontkitFor, loadFonts, wrapText } from '../../platform/pdf/index';

export interface CertificatePdfInput {
  locale: 'zh' | 'en';
  /** 证照名称, e.g. 食品经营许可证 */
  title: string;
  /** Displayed number, e.g. 130533-26-XK099-00001-K */
  number: string;
  fields: { label: string; value: string }[];
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  verifyUrl: string;
  version: number;
}

export interface SealBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

const mm = (v: number) => (v * 72) / 25.4;
const FRAME = rgb(0.55, 0.1, 0.08);
const INK = rgb(0.08, 0.08, 0.08);

function dateText(date: string, locale: 'zh' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (locale === 'en') return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${y}年${m}月${d}日`;
}

function drawCentered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, spacing = 0) {
  const chars = [...text];
  const width = font.widthOfTextAtSize(text, size) + spacing * (chars.length - 1);
  let x = (page.getWidth() - width) / 2;
  if (spacing === 0) {
    page.drawText(text, { x, y, size, font, color: INK });
    return;
  }
  for (const ch of chars) {
    page.drawText(ch, { x, y, size, font, color: INK });
    x += font.widthOfTextAtSize(ch, size) + spacing;
  }
}

/** The QR code as filled squares: vector, sharp at any zoom, no image decoder needed. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      page.drawRectangle({ x: x + (col + quiet) * cell, y: y + size - (row + quiet + 1) * cell, width: cell + 0.05, height: cell + 0.05, color: INK });
    }
  }
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<{ bytes: Uint8Array; sealBox: SealBox }> {
  const fonts = await loadFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitFor(fonts));
  const regular = await doc.embedFont(fonts.regular.bytes, { subset: true });
  const bold = await doc.embedFont(fonts.bold.bytes, { subset: true });
  const page = doc.addPage([mm(210), mm(297)]);
  const width = page.getWidth();
  const height = page.getHeight();
  const en = input.locale === 'en';

  // A double frame, as printed licences have.
  page.drawRectangle({ x: mm(12), y: mm(12), width: width - mm(24), height: height - mm(24), borderColor: FRAME, borderWidth: 2.4 });
  page.drawRectangle({ x: mm(15), y: mm(15), width: width - mm(30), height: height - mm(30), borderColor: FRAME, borderWidth: 0.7 });

  drawCentered(page, input.title, height - mm(48), bold, en ? 24 : 30, en ? 0 : 6);
  const numberLine = `${en ? 'No.' : '编号：'}${input.number}${input.version > 1 ? (en ? `  (version ${input.version})` : `（第${input.version}版）`) : ''}`;
  drawCentered(page, numberLine, height - mm(60), regular, 11);

  // The fields: labels on the left, values wrapped on the right, ruled like a licence.
  const left = mm(28);
  const labelWidth = mm(38);
  const valueWidth = width - left * 2 - labelWidth - mm(4);
  const size = 12.5;
  const lineHeight = size * 1.6;
  let y = height - mm(78);
  page.drawLine({ start: { x: left, y: y + lineHeight * 0.8 }, end: { x: width - left, y: y + lineHeight * 0.8 }, thickness: 0.6, color: FRAME });
  for (const field of input.fields) {
    const lines = wrapText(field.value || '—', valueWidth, (t) => regular.widthOfTextAtSize(t, size));
    // A long label (法定代表人（经营者）) wraps inside its column instead of running into the value.
    const labelLines = wrapText(field.label, labelWidth, (t) => bold.widthOfTextAtSize(t, size));
    for (const [i, line] of labelLines.entries()) page.drawText(line, { x: left, y: y - i * lineHeight, size, font: bold, color: INK });
    for (const [i, line] of lines.entries()) page.drawText(line, { x: left + labelWidth + mm(4), y: y - i * lineHeight, size, font: regular, color: INK });
    y -= Math.max(lines.length, labelLines.length) * lineHeight + mm(3);
    page.drawLine({ start: { x: left, y: y + lineHeight * 0.8 }, end: { x: width - left, y: y + lineHeight * 0.8 }, thickness: 0.3, color: rgb(0.75, 0.6, 0.58) });
  }

  // QR code to the public verification page, bottom left.
  const qrSize = mm(30);
  drawQr(page, input.verifyUrl, left, mm(34), qrSize);
  page.drawText(en ? 'Scan to verify' : '扫码核验', { x: left + qrSize / 2 - regular.widthOfTextAtSize(en ? 'Scan to verify' : '扫码核验', 9) / 2, y: mm(29), size: 9, font: regular, color: INK });

  // Issuing organ and date, bottom right, with the seal box over them.
  const issuerSize = 14;
  const right = width - left;
  const issuerWidth = bold.widthOfTextAtSize(input.issuer, issuerSize);
  const date = dateText(input.issuedOn, input.locale);
  const dateWidth = regular.widthOfTextAtSize(date, 12);
  const blockWidth = Math.max(issuerWidth, dateWidth);
  const centre = right - blockWidth / 2;
  page.drawText(input.issuer, { x: centre - issuerWidth / 2, y: mm(52), size: issuerSize, font: bold, color: INK });
  page.drawText(date, { x: centre - dateWidth / 2, y: mm(45), size: 12, font: regular, color: INK });
  const seal = mm(42);
  const sealBox: SealBox = { page: 0, x: centre - seal / 2, y: mm(52) + issuerSize / 2 - seal / 2, width: seal, height: seal };

  const foot = en
    ? `Issued electronically and signed with the approval seal of ${input.issuer}. Verify at ${input.verifyUrl}`
    : `本证照由${input.issuer}以审批专用电子印章签发，可扫码或访问 ${input.verifyUrl} 核验。`;
  for (const [i, line] of wrapText(foot, width - left * 2, (t) => regular.widthOfTextAtSize(t, 7.5)).entries()) {
    page.drawText(line, { x: left, y: mm(22) - i * 10, size: 7.5, font: regular, color: rgb(0.35, 0.35, 0.35) });
  }

  doc.setTitle(`${input.title} ${input.number}`, { showInWindowTitleBar: true });
  doc.setAuthor(input.issuer);
  doc.setSubject(input.title);
  doc.setKeywords([input.number]);
  doc.setCreator('OneWindow 一窗通');
  doc.setProducer('pdf-lib');
  doc.setLanguage(en ? 'en' : 'zh-CN');
  const [yy, mo, dd] = input.issuedOn.split('-').map(Number);
  const issued = new Date(Date.UTC(yy!, mo! - 1, dd!));
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  return { bytes: await doc.save({ useObjectStreams: false }), sealBox };
}
