import { PDFDocument, rgb } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts, type FontSet } from '../pdf/fonts';
import { mm } from '../pdf/layout';
import { darkShare, pdfFonts, pointsToPixels, redShare, renderPageGray, renderPageRgb } from '../pdf/poppler';
import { APPROVAL_SEAL_TITLE, drawSeal, SEAL_DIAMETER_MM, sealGeometry, sealSvg, type SealGlyph } from './seal-image';

/**
 * The seal drawn by code: its geometry keeps every character upright relative to the centre and clear of the
 * ring, the star and its neighbours; the PDF shows it in seal red over the page; the SVG is the same drawing.
 */

const DESIGN = { organName: '威县行政审批局', code: '1305330012345' };
let fonts: FontSet;
const advance = (char: string) => fonts.bold.advance(char.codePointAt(0) ?? 0);

beforeAll(async () => {
  fonts = await loadFonts();
});

/**
 * Corners of a glyph's ink box (condensed, turned), in seal millimetres: its em box less 3%, so that characters
 * set solid (审批专用章), whose em boxes touch, do not count as overlapping; the ink lies within 95% of the em.
 */
function corners(g: SealGlyph, width: number): [number, number][] {
  const cos = Math.cos((g.rotation * Math.PI) / 180);
  const sin = Math.sin((g.rotation * Math.PI) / 180);
  const w = (0.97 * width * g.size * g.scaleX) / 2;
  const h = (0.97 * g.size) / 2;
  return [
    [-w, -h],
    [w, -h],
    [w, h],
    [-w, h],
  ].map(([x, y]) => [g.x + x! * cos - y! * sin, g.y + x! * sin + y! * cos]);
}

/** Whether two convex polygons overlap (separating axis test). */
function overlap(a: [number, number][], b: [number, number][]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const axis = [y1 - y2, x2 - x1];
      const project = (p: [number, number][]) => p.map(([x, y]) => x * axis[0]! + y * axis[1]!);
      const pa = project(a);
      const pb = project(b);
      if (Math.max(...pa) < Math.min(...pb) || Math.max(...pb) < Math.min(...pa)) return false;
    }
  }
  return true;
}

describe('seal geometry', () => {
  it('sets the organ name upright along the upper rim, evenly over about 210–250°, inside the ring and clear of the star', () => {
    const geometry = sealGeometry(DESIGN, advance);
    const inner = geometry.ring.radius - geometry.ring.width / 2;
    const starRadius = Math.max(...geometry.star.map(([x, y]) => Math.hypot(x, y)));
    const name = geometry.glyphs.slice(0, 7);
    expect(name.map((g) => g.char).join('')).toBe('威县行政审批局');
    // Angles from the +x axis, counter-clockwise, continuous over the upper rim (-90°…270°).
    const angles = name.map((g) => {
      const angle = (Math.atan2(g.y, g.x) * 180) / Math.PI;
      return angle < -90 ? angle + 360 : angle;
    });
    // Clockwise from the left: decreasing angles, equal steps.
    const steps = angles.slice(1).map((a, i) => angles[i]! - a);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 6);
    const pitch = steps[0]!;
    const edgeToEdge = angles[0]! - angles.at(-1)! + pitch;
    expect(edgeToEdge).toBeGreaterThanOrEqual(210);
    expect(edgeToEdge).toBeLessThanOrEqual(250);
    for (const g of name) {
      // The character's "up" points away from the centre.
      const up = [-Math.sin((g.rotation * Math.PI) / 180), Math.cos((g.rotation * Math.PI) / 180)];
      const out = [g.x / Math.hypot(g.x, g.y), g.y / Math.hypot(g.x, g.y)];
      expect(up[0]! * out[0]! + up[1]! * out[1]!).toBeCloseTo(1, 6);
      for (const [x, y] of corners(g, advance(g.char))) {
        expect(Math.hypot(x, y)).toBeLessThan(inner);
        expect(Math.hypot(x, y)).toBeGreaterThan(starRadius);
      }
    }
  });

  it('puts 审批专用章 straight across below the star and the code upright along the bottom rim, nothing overlapping', () => {
    const geometry = sealGeometry(DESIGN, advance);
    const inner = geometry.ring.radius - geometry.ring.width / 2;
    const starBottom = Math.min(...geometry.star.map(([, y]) => y));
    const title = geometry.glyphs.slice(7, 12);
    expect(title.map((g) => g.char).join('')).toBe(APPROVAL_SEAL_TITLE);
    for (const g of title) expect(g.y + g.size / 2).toBeLessThan(starBottom);
    const code = geometry.glyphs.slice(7 + title.length);
    expect(code.map((g) => g.char).join('')).toBe(DESIGN.code);
    for (const g of code) {
      // Upright at the bottom: the character's "up" points to the centre; read left to right.
      const up = [-Math.sin((g.rotation * Math.PI) / 180), Math.cos((g.rotation * Math.PI) / 180)];
      expect(up[0]! * g.x + up[1]! * g.y).toBeLessThan(0);
    }
    for (let i = 1; i < code.length; i++) expect(code[i]!.x).toBeGreaterThan(code[i - 1]!.x);
    const boxes = geometry.glyphs.map((g) => corners(g, advance(g.char)));
    for (const box of boxes) for (const [x, y] of box) expect(Math.hypot(x, y)).toBeLessThan(inner);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${geometry.glyphs[i]!.char} / ${geometry.glyphs[j]!.char}`).toBe(false);
    }
  });

  it('keeps a long organ name inside its arc by condensing it', () => {
    const geometry = sealGeometry({ organName: '河北省邢台市威县行政审批局' }, advance);
    const name = geometry.glyphs.slice(0, 13);
    const boxes = name.map((g) => corners(g, advance(g.char)));
    for (let i = 1; i < boxes.length; i++) expect(overlap(boxes[i - 1]!, boxes[i]!)).toBe(false);
    expect(name[0]!.scaleX).toBeLessThan(0.78);
  });
});

describe('seal drawn on a PDF page', () => {
  const box = { x: mm(20), y: mm(20), width: mm(SEAL_DIAMETER_MM), height: mm(SEAL_DIAMETER_MM) };
  let pdf: Uint8Array;
  beforeAll(async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([mm(120), mm(90)]);
    // A black bar under the seal's left rim: seal ink multiplies, so what is printed below stays black.
    page.drawRectangle({ x: box.x - mm(2), y: box.y, width: mm(4), height: box.height, color: rgb(0, 0, 0) });
    await drawSeal(page, box, DESIGN, { fonts });
    pdf = await doc.save();
  });

  it('is red inside its box, nothing outside, and leaves what lies under it black', async () => {
    const dpi = 50;
    const image = await renderPageRgb(pdf, 1, dpi);
    const pageHeight = mm(90);
    const inBox = pointsToPixels(box, pageHeight, dpi);
    expect(redShare(image, inBox)).toBeGreaterThan(0.08);
    // The star at the centre is solid red.
    const star = pointsToPixels({ x: box.x + box.width / 2 - mm(2), y: box.y + box.height / 2 + mm(1), width: mm(4), height: mm(3) }, pageHeight, dpi);
    expect(redShare(image, star)).toBeGreaterThan(0.6);
    const right = pointsToPixels({ x: box.x + box.width + mm(8), y: 0, width: mm(40), height: mm(90) }, pageHeight, dpi);
    expect(redShare(image, right)).toBe(0);
    // Where the ring crosses the bar, the bar stays dark.
    const gray = await renderPageGray(pdf, 1, dpi);
    const crossing = pointsToPixels({ x: box.x, y: box.y + box.height / 2 - mm(1), width: mm(1.2), height: mm(2) }, pageHeight, dpi);
    expect(darkShare(gray, crossing, 60)).toBeGreaterThan(0.5);
    expect(redShare(image, crossing)).toBe(0);
  });

  it('embeds the characters as a subset of the project font', async () => {
    const fontsInPdf = await pdfFonts(pdf);
    expect(fontsInPdf).toHaveLength(1);
    expect(fontsInPdf[0]).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(fontsInPdf[0]!.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-Bold$/);
  });
});

describe('seal as SVG', () => {
  it('is a standalone 42 mm drawing of the same geometry, the characters as outlines', async () => {
    const svg = await sealSvg(DESIGN);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 42 42" width="42mm" height="42mm"/);
    expect(svg).toContain('<title>威县行政审批局审批专用章</title>');
    expect(svg).toContain('stroke-width="1.2"');
    const glyphPaths = svg.match(/<path transform=/g) ?? [];
    expect(glyphPaths).toHaveLength(sealGeometry(DESIGN).glyphs.length);
    // No text element and no external reference: it looks the same without the font.
    expect(svg).not.toMatch(/<text|href=|url\(/);
  });
});
