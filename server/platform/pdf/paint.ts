import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFName, PDFString, grayscale, rgb, setCharacterSpacing, type PDFFont } from 'pdf-lib';
import { fontkitFor, type FontSet, type FontWeight } from './fonts';
import type { LaidOutDocument } from './layout';

export interface PdfMetadata {
  title: string;
  /** The organ issuing the document. */
  author: string;
  subject?: string;
  keywords?: string[];
  /** BCP 47, e.g. zh-CN. */
  language: string;
  /** Written as creation and modification date, so that the same data gives the same bytes. */
  date: Date;
}

/** Key in the document information dictionary holding the seal placeholders (JSON), for the e-seal step. */
export const SEAL_BOXES_KEY = 'OneWindowSealBoxes';

/**
 * Draws a laid-out document into a PDF. Fonts are embedded as subsets named with a six-letter tag
 * (ABCDEF+NotoSerifSC-Regular, as PDF 32000 §9.6.4 asks) derived from the characters drawn, and nothing in
 * the output depends on the clock: equal input, equal bytes (files are stored by their SHA-256).
 */
export async function paintPdf(laid: LaidOutDocument, fonts: FontSet, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitFor(fonts));

  const used: Record<FontWeight, Set<string>> = { regular: new Set(), bold: new Set() };
  for (const ops of laid.pages) for (const op of ops) if (op.kind === 'text') for (const char of op.text) used[op.weight].add(char);
  const embedded: Partial<Record<FontWeight, PDFFont>> = {};
  for (const weight of ['regular', 'bold'] as const) {
    if (used[weight].size === 0) continue;
    const face = fonts[weight];
    const tag = subsetTag(`${face.postscriptName}:${[...used[weight]].sort().join('')}`);
    embedded[weight] = await doc.embedFont(face.bytes, { subset: true, customName: `${tag}+${face.postscriptName}` });
  }

  const black = rgb(0, 0, 0);
  for (const ops of laid.pages) {
    const page = doc.addPage([laid.setup.width, laid.setup.height]);
    for (const op of ops) {
      switch (op.kind) {
        case 'text': {
          const font = embedded[op.weight];
          if (!font) throw new Error(`font ${op.weight} not embedded`);
          if (op.charSpacing) page.pushOperators(setCharacterSpacing(op.charSpacing));
          page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font, color: black });
          if (op.charSpacing) page.pushOperators(setCharacterSpacing(0));
          break;
        }
        case 'line':
          page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: black, dashArray: op.dash });
          break;
        case 'fill':
          page.drawRectangle({ x: op.x, y: op.y, width: op.width, height: op.height, color: grayscale(op.gray) });
          break;
      }
    }
  }

  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords) doc.setKeywords(meta.keywords);
  doc.setCreator('OneWindow 一窗通');
  doc.setProducer('pdf-lib');
  doc.setLanguage(meta.language);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  if (laid.sealBoxes.length > 0) {
    const boxes = laid.sealBoxes.map((box) => ({
      page: box.page,
      x: round(box.x),
      y: round(box.y),
      width: round(box.width),
      height: round(box.height),
    }));
    // setTitle above created the information dictionary.
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    info.set(PDFName.of(SEAL_BOXES_KEY), PDFString.of(JSON.stringify(boxes)));
  }
  return doc.save();
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** Six capital letters from a hash: a subset's tag. */
function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}
