import { createHash } from 'node:crypto';
import {
  BlendMode,
  concatTransformationMatrix,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { fontkitFor, loadFonts, type FontFace, type FontSet } from '../pdf/fonts';

/**
 * The bureau's round approval seal (审批专用章, R2: one seal instead of 42), drawn by code. Its layout follows
 * the State Council's rules for the seals of administrative organs (国发〔1999〕25号): round, 42 mm across, a
 * five-pointed star in the centre, the organ's name around it reading left to right, the seal's use (审批专用章)
 * straight across below the star, characters in 宋体; the 13-digit seal code (印章编码, GA 241) may run small
 * along the bottom rim.
 *
 * One pure geometry (`sealGeometry`, in millimetres around the centre, y up) feeds both painters — vector
 * graphics on a pdf-lib page (`drawSeal`) and a self-contained SVG (`sealSvg`) — so the printed and the
 * on-screen seal are the same drawing. Glyphs come from the project's Noto Serif SC (a Song face): embedded
 * as a subset in the PDF, as outlines in the SVG. No picture is stored or downloaded.
 */

/** What the seal says. */
export interface SealDesign {
  /** The organ, set around the upper rim: 威县行政审批局. */
  organName: string;
  /** The seal's use, straight across below the star. */
  title?: string;
  /** 印章编码: 13 digits along the bottom rim, when the public-security registration gave one. */
  code?: string | null;
}

/** The default use of the bureau's one seal. */
export const APPROVAL_SEAL_TITLE = '审批专用章';

/** Diameter of the geometry (mm): an organ's official seal is 42 mm across. Painters scale it to any box. */
export const SEAL_DIAMETER_MM = 42;

/** Seal red (印泥红), close to the vermilion of official seal ink. */
export const SEAL_RED = { r: 0.86, g: 0.07, b: 0.1 } as const;

/** A character of the seal: its em box centred on (x, y), turned `rotation` degrees counter-clockwise. */
export interface SealGlyph {
  char: string;
  x: number;
  y: number;
  rotation: number;
  /** Em size (mm). */
  size: number;
  /** Horizontal scale: seal characters are condensed (长宋). */
  scaleX: number;
}

/** The whole drawing, in millimetres, origin at the centre, y up. */
export interface SealGeometry {
  diameter: number;
  /** The outer ring: a stroke of `width` centred on `radius`. */
  ring: { radius: number; width: number };
  /** The star's ten corners, clockwise from the top point. */
  star: [number, number][];
  glyphs: SealGlyph[];
}

/** Proportions of a 42 mm seal (mm). Measured on printed 审批专用章 of county bureaus. */
const RING_WIDTH = 1.2;
const STAR_RADIUS = 7.2;
/** Ideographic em box of Noto/Source Han: -0.12…0.88 em around the baseline; its centre is 0.38 em up. */
const EM_CENTRE = 0.38;
const NAME = { size: 7.4, scaleX: 0.78, gap: 0.75 };
const TITLE = { size: 4.9, scaleX: 0.9, centreY: -10.3 };
const CODE = { size: 2.5, scaleX: 0.9, gap: 0.6 };

/**
 * The arc the organ's name covers, centre of the first character to centre of the last: about 34° a character
 * so that a short name stands apart, at most 220° (about 250° edge to edge) so that it stays clear of the title.
 */
function nameSpan(count: number): number {
  if (count <= 1) return 0;
  return Math.min(220, Math.max(120, 34 * (count - 1)));
}

const rad = (degrees: number): number => (degrees * Math.PI) / 180;

/** The seal as shapes and placed characters (pure; `advance` gives a character's width in em). */
export function sealGeometry(design: SealDesign, advance: (char: string) => number = () => 1): SealGeometry {
  const radius = SEAL_DIAMETER_MM / 2;
  const inner = radius - RING_WIDTH;
  const glyphs: SealGlyph[] = [];

  // The organ's name: each character's top points away from the centre, read clockwise (left to right).
  const name = [...design.organName.trim()];
  const nameRadius = inner - NAME.gap - NAME.size / 2;
  const span = nameSpan(name.length);
  const pitch = name.length > 1 ? span / (name.length - 1) : 0;
  // A long name is condensed further, so that neighbours keep apart at the characters' inner edge.
  const room = name.length > 1 ? rad(pitch) * (nameRadius - NAME.size / 2) * 0.9 : NAME.size;
  const nameScale = Math.max(0.45, Math.min(NAME.scaleX, room / NAME.size));
  name.forEach((char, i) => {
    const angle = 90 + span / 2 - pitch * i;
    glyphs.push({ char, x: nameRadius * Math.cos(rad(angle)), y: nameRadius * Math.sin(rad(angle)), rotation: angle - 90, size: NAME.size, scaleX: nameScale });
  });

  // The use, upright and centred below the star; a long title is condensed to keep inside the ring.
  const title = [...(design.title ?? APPROVAL_SEAL_TITLE).trim()];
  const titleScale = Math.min(TITLE.scaleX, 26 / (title.length * TITLE.size));
  let x = -(title.reduce((sum, char) => sum + advance(char), 0) * TITLE.size * titleScale) / 2;
  for (const char of title) {
    const width = advance(char) * TITLE.size * titleScale;
    glyphs.push({ char, x: x + width / 2, y: TITLE.centreY, rotation: 0, size: TITLE.size, scaleX: titleScale });
    x += width;
  }

  // The code along the bottom rim: upright (tops towards the centre), read left to right.
  const code = [...(design.code ?? '').trim()];
  if (code.length > 0) {
    const codeRadius = inner - CODE.gap - CODE.size / 2;
    const widths = code.map((char) => advance(char) * CODE.size * CODE.scaleX * 1.08);
    const total = widths.reduce((sum, w) => sum + w, 0);
    // Arc length → angle at the radius of the characters' centres.
    let along = -total / 2;
    code.forEach((char, i) => {
      const middle = along + widths[i]! / 2;
      const angle = 270 + (middle / codeRadius) * (180 / Math.PI);
      glyphs.push({ char, x: codeRadius * Math.cos(rad(angle)), y: codeRadius * Math.sin(rad(angle)), rotation: angle + 90, size: CODE.size, scaleX: CODE.scaleX });
      along += widths[i]!;
    });
  }

  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? STAR_RADIUS : STAR_RADIUS * 0.381966; // a regular star: inner/outer = 1/φ²
    const angle = 90 - i * 36;
    star.push([r * Math.cos(rad(angle)), r * Math.sin(rad(angle))]);
  }

  return { diameter: SEAL_DIAMETER_MM, ring: { radius: radius - RING_WIDTH / 2, width: RING_WIDTH }, star, glyphs };
}

/** A rectangle in PDF points (origin bottom left). */
export interface SealBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bold Song face carries a seal's strokes; the regular one looks thin at seal size. */
const faceOf = (fonts: FontSet): FontFace => fonts.bold;

/** Fonts embedded for seals, one subset per document. */
const sealFonts = new WeakMap<PDFDocument, Map<string, PDFFont>>();

async function embedSealFont(doc: PDFDocument, face: FontFace, fonts: FontSet, chars: string): Promise<PDFFont> {
  let byChars = sealFonts.get(doc);
  if (!byChars) sealFonts.set(doc, (byChars = new Map()));
  const key = [...new Set(chars)].sort().join('');
  let font = byChars.get(key);
  if (!font) {
    doc.registerFontkit(fontkitFor(fonts));
    // A subset tag from the characters (PDF 32000 §9.6.4), stable so that equal input gives equal bytes.
    const digest = createHash('sha256').update(`seal:${face.postscriptName}:${key}`).digest();
    const tag = [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
    font = await doc.embedFont(face.bytes, { subset: true, customName: `${tag}+${face.postscriptName}` });
    byChars.set(key, font);
  }
  return font;
}

/**
 * Draws the seal as vector graphics centred in `box` (points), as large as its smaller side. The ink is
 * multiplied onto the page, as seal ink lies over print: text under the seal stays readable.
 */
export async function drawSeal(page: PDFPage, box: SealBox, design: SealDesign, options: { fonts?: FontSet } = {}): Promise<void> {
  const fonts = options.fonts ?? (await loadFonts());
  const face = faceOf(fonts);
  const geometry = sealGeometry(design, (char) => face.advance(char.codePointAt(0) ?? 0));
  const font = await embedSealFont(page.doc, face, fonts, geometry.glyphs.map((g) => g.char).join(''));
  const scale = Math.min(box.width, box.height) / geometry.diameter;
  const color = rgb(SEAL_RED.r, SEAL_RED.g, SEAL_RED.b);
  const blendMode = BlendMode.Multiply;

  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(scale, 0, 0, scale, box.x + box.width / 2, box.y + box.height / 2));
  page.drawCircle({ x: 0, y: 0, size: geometry.ring.radius, borderWidth: geometry.ring.width, borderColor: color, blendMode });
  // drawSvgPath draws SVG coordinates (y down): flip the star's y.
  page.drawSvgPath(`${geometry.star.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(-y)}`).join(' ')} Z`, { x: 0, y: 0, color, blendMode });
  for (const glyph of geometry.glyphs) {
    const cos = Math.cos(rad(glyph.rotation));
    const sin = Math.sin(rad(glyph.rotation));
    const width = face.advance(glyph.char.codePointAt(0) ?? 0) * glyph.size;
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(cos * glyph.scaleX, sin * glyph.scaleX, -sin, cos, glyph.x, glyph.y));
    page.drawText(glyph.char, { x: -width / 2, y: -EM_CENTRE * glyph.size, size: glyph.size, font, color, blendMode });
    page.pushOperators(popGraphicsState());
  }
  page.pushOperators(popGraphicsState());
}

/** A coordinate for SVG and PDF paths (mm or font units): three decimals are plenty. */
const fmt = (value: number): string => String(Math.round(value * 1000) / 1000);
/** A small factor (mm per font unit) with six significant digits. */
const num = (value: number): string => String(Number(value.toPrecision(6)));

/**
 * The same seal as a standalone SVG (42 mm square, viewBox in mm), the characters as outlines so that it
 * looks the same in any browser without the font. For the web's verification page.
 */
export async function sealSvg(design: SealDesign, options: { fonts?: FontSet; size?: string } = {}): Promise<string> {
  const fonts = options.fonts ?? (await loadFonts());
  const face = faceOf(fonts);
  const geometry = sealGeometry(design, (char) => face.advance(char.codePointAt(0) ?? 0));
  const half = geometry.diameter / 2;
  const upm = face.font.unitsPerEm;
  const color = `rgb(${Math.round(SEAL_RED.r * 255)},${Math.round(SEAL_RED.g * 255)},${Math.round(SEAL_RED.b * 255)})`;
  const label = `${design.organName}${design.title ?? APPROVAL_SEAL_TITLE}`;
  const paths = geometry.glyphs.map((glyph) => {
    const fontGlyph = face.font.glyphForCodePoint(glyph.char.codePointAt(0) ?? 0);
    const k = glyph.size / upm;
    const transform =
      `translate(${fmt(glyph.x)} ${fmt(glyph.y)}) rotate(${fmt(glyph.rotation)}) scale(${num(k * glyph.scaleX)} ${num(k)}) ` +
      `translate(${fmt(-fontGlyph.advanceWidth / 2)} ${fmt(-EM_CENTRE * upm)})`;
    return `<path transform="${transform}" d="${fontGlyph.path.toSVG()}"/>`;
  });
  const size = options.size ?? `${geometry.diameter}mm`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geometry.diameter} ${geometry.diameter}" width="${size}" height="${size}" role="img" aria-label="${escapeXml(label)}">`,
    `<title>${escapeXml(label)}</title>`,
    // Inside this group y points up, as in the geometry (and in PDF).
    `<g transform="translate(${half} ${half}) scale(1 -1)" fill="${color}" style="mix-blend-mode:multiply">`,
    `<circle cx="0" cy="0" r="${fmt(geometry.ring.radius)}" fill="none" stroke="${color}" stroke-width="${fmt(geometry.ring.width)}"/>`,
    `<path d="${geometry.star.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(y)}`).join(' ')} Z"/>`,
    ...paths,
    '</g>',
    '</svg>',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
}
