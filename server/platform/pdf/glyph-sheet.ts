import { loadFonts, type FontWeight } from './fonts';
import { A4, type DrawOp, type PageRect } from './layout';
import { paintPdf } from './paint';

/**
 * A PDF showing each given character alone in a grid cell, so that a check can look at the rendered pixels
 * of every glyph one by one. This is how a font that "works" but loses glyphs when subset is caught: the text
 * still extracts while the page shows nothing (pdf-lib + fontkit with Noto, see fonts.ts).
 */
export async function renderGlyphSheet(text: string, weight: FontWeight = 'regular'): Promise<{ pdf: Uint8Array; cells: { char: string; rect: PageRect }[] }> {
  const fonts = await loadFonts();
  const chars = [...new Set([...text])].filter((char) => char.trim() !== '');
  const size = 20;
  const pitch = 30;
  const perRow = Math.floor((A4.width - 80) / pitch);
  const perPage = perRow * Math.floor((A4.height - 80) / pitch);
  const pages: DrawOp[][] = [];
  const cells = chars.map((char, index) => {
    const page = Math.floor(index / perPage);
    const slot = index % perPage;
    const x = 40 + (slot % perRow) * pitch;
    const top = A4.height - 40 - Math.floor(slot / perRow) * pitch;
    (pages[page] ??= []).push({ kind: 'text', x, y: top - size, text: char, weight, size, charSpacing: 0 });
    // The cell: the character's em box with a little room for glyphs that overhang it.
    return { char, rect: { page, x: x - 2, y: top - size - 6, width: size + 4, height: size + 8 } };
  });
  const pdf = await paintPdf({ setup: A4, pages, sealBoxes: [], missingCharacters: [] }, fonts, {
    title: 'glyph sheet',
    author: 'OneWindow',
    language: 'zh-CN',
    date: new Date('2026-01-01T00:00:00+08:00'),
  });
  return { pdf, cells };
}
