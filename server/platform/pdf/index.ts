/**
 * Printable documents: CJK fonts, a small A4 layout engine and the PDF painter. No business rule lives here;
 * the documents module decides what a notice says.
 */
import { loadFonts } from './fonts';
import { A4, layoutDocument, measurerFor, type Block, type PageSetup } from './layout';
import { paintPdf, type PdfMetadata } from './paint';

export { FONT_FAMILY, fontkitFor, loadFonts, type FontSet, type FontWeight } from './fonts';
export {
  A4,
  layoutDocument,
  measureBlocks,
  measurerFor,
  mm,
  type Align,
  type Block,
  type DrawOp,
  type LaidOutDocument,
  type Measurer,
  type PageRect,
  type PageSetup,
  type SignatureBlock,
  type TableBlock,
  type TableCell,
  type TableColumn,
  type TextBlock,
} from './layout';
export { paintPdf, SEAL_BOXES_KEY, type PdfMetadata } from './paint';
export { MISSING_GLYPH_MARK, wrapText } from './text';

/** Lays out the blocks on pages (A4 unless told) and returns the PDF. */
export async function renderPdf(blocks: Block[], meta: PdfMetadata, setup: PageSetup = A4): Promise<Uint8Array> {
  const fonts = await loadFonts();
  return paintPdf(layoutDocument(blocks, setup, measurerFor(fonts)), fonts, meta);
}
