import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderGlyphSheet } from './glyph-sheet';
import { A4, renderPdf, SEAL_BOXES_KEY, type Block } from './index';
import { darkShare, parsePgm, pdfFonts, pdfToText, pointsToPixels, renderPageGray } from './poppler';

/** Real fonts, real PDF, read back with poppler as a viewer would. */

const meta = { title: '测试', author: '威县行政审批局', language: 'zh-CN', date: new Date('2026-03-02T00:00:00+08:00') };
const blocks: Block[] = [
  { kind: 'text', text: '威县行政审批局', size: 22, weight: 'bold', align: 'center' },
  { kind: 'text', text: '威县洺州镇好味食品店：', size: 14 },
  { kind: 'text', text: '你（单位）提出的食品经营许可申请（事项编码：WX-XK-099），经审查，决定予以受理。', size: 14, indent: 2, align: 'justify' },
  { kind: 'signature', lines: ['威县行政审批局', '2026年3月2日'] },
];

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await renderPdf(blocks, meta);
});

describe('renderPdf', () => {
  it('embeds Noto Serif SC as subsets with a Unicode map', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, 'TAG+')).sort()).toEqual(['TAG+NotoSerifSC-Bold', 'TAG+NotoSerifSC-Regular']);
    for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true, type: 'CID TrueType' });
    // Subset: the whole font is ~15 MB.
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('extracts as the text that was laid out, rare characters included', async () => {
    const text = (await pdfToText(pdf)).replace(/\s+/g, '');
    expect(text).toContain('威县洺州镇好味食品店');
    expect(text).toContain('（事项编码：WX-XK-099）');
    expect(text).toContain('第1页共1页');
  });

  it('draws ink where the heading is', async () => {
    const dpi = 50;
    const page = await renderPageGray(pdf, 1, dpi);
    expect(Math.abs(page.width - (A4.width * dpi) / 72)).toBeLessThan(1);
    const heading = pointsToPixels({ x: A4.margin.left, y: A4.height - A4.margin.top - 30, width: A4.width - A4.margin.left - A4.margin.right, height: 30 }, A4.height, dpi);
    expect(darkShare(page, heading)).toBeGreaterThan(0.03);
    // Left and right of the centred heading there is nothing.
    expect(darkShare(page, { ...heading, width: heading.width * 0.2 })).toBe(0);
  });

  it('records the seal box, and leaves its upper part blank on the page', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    const raw = info.lookup(PDFName.of(SEAL_BOXES_KEY), PDFString).decodeText();
    const [box] = JSON.parse(raw) as { page: number; x: number; y: number; width: number; height: number }[];
    expect(box?.page).toBe(0);
    if (!box) return;
    const dpi = 50;
    const page = await renderPageGray(pdf, 1, dpi);
    // The organ name sits at the seal's centre and the date below it; above them the square is empty.
    const upperPart = pointsToPixels({ x: box.x, y: box.y + box.height * 0.6, width: box.width, height: box.height * 0.4 }, A4.height, dpi);
    expect(darkShare(page, upperPart)).toBe(0);
    const lowerHalf = pointsToPixels({ ...box, height: box.height / 2 }, A4.height, dpi);
    expect(darkShare(page, lowerHalf)).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same input (no clock, no randomness)', async () => {
    expect(Buffer.from(await renderPdf(blocks, meta)).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe('subset fonts keep every glyph', () => {
  // The characters after the first odd-length glyph used to vanish (fonts.ts: padSubsetGlyphs).
  const sample =
    '威县洺州镇好味食品店行政审批局受理通知书一次性告知单不予限时办结卡第号页共〔〕（）《》「」，。、；：？！—…·＿〓' +
    '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-/:.@*';
  for (const weight of ['regular', 'bold'] as const) {
    it(`draws each of ${[...sample].length} characters in ${weight}`, async () => {
      const { pdf: sheet, cells } = await renderGlyphSheet(sample, weight);
      const dpi = 72;
      const page = await renderPageGray(sheet, 1, dpi);
      const blank = cells.filter((cell) => darkShare(page, pointsToPixels(cell.rect, A4.height, dpi), 160) === 0).map((cell) => cell.char);
      expect(blank).toEqual([]);
    });
  }
});

describe('parsePgm', () => {
  it('reads the header with comments and the pixels', () => {
    const image = parsePgm(Buffer.concat([Buffer.from('P5\n# by test\n2 2\n255\n'), Buffer.from([0, 255, 128, 7])]));
    expect(image).toMatchObject({ width: 2, height: 2 });
    expect([...image.pixels]).toEqual([0, 255, 128, 7]);
    expect(darkShare(image, { x: 0, y: 0, width: 2, height: 2 })).toBe(0.5);
  });

  it('refuses what is not an 8-bit PGM', () => {
    expect(() => parsePgm(Buffer.from('P6\n1 1\n255\n\0\0\0'))).toThrow(/PGM/);
  });
});
