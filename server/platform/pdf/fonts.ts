import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font, Subset } from '@pdf-lib/fontkit';

/**
 * The CJK fonts of printed documents: Noto Serif SC (思源宋体), a Song/Ming face close to the 宋体 of official
 * documents, in Regular for body text and Bold for titles. They come from the npm package
 * @expo-google-fonts/noto-serif-sc as plain TrueType files (glyf outlines, 30 920 glyphs covering GB 18030's
 * common set). Debian's Noto CJK .ttc must not be used: pdf-lib + fontkit lose its glyphs when rendered.
 *
 * Each file is ~15 MB and takes ~100 ms to parse, so both are read and parsed once per process and shared
 * by every document; pdf-lib then embeds only the glyphs a document uses (subset).
 */

export type FontWeight = 'regular' | 'bold';

/** A parsed font face with cached glyph advances. */
export interface FontFace {
  weight: FontWeight;
  /** e.g. NotoSerifSC-Regular */
  postscriptName: string;
  /** The TrueType file; pdf-lib is handed these bytes and gets `font` back (see `fontkitFor`). */
  bytes: Uint8Array;
  font: Font;
  /** Advance width of a code point, in em. */
  advance(codePoint: number): number;
  canDraw(codePoint: number): boolean;
}

export interface FontSet {
  regular: FontFace;
  bold: FontFace;
}

const FONT_FILES: Record<FontWeight, string> = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
};

/** Human-readable name of the face, for reports and the ADR. */
export const FONT_FAMILY = 'Noto Serif SC (思源宋体)';

let loading: Promise<FontSet> | undefined;

/** Loads the fonts once per process; a failed load is retried on the next call. */
export function loadFonts(): Promise<FontSet> {
  loading ??= Promise.all([loadFace('regular'), loadFace('bold')]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

async function loadFace(weight: FontWeight): Promise<FontFace> {
  const path = createRequire(import.meta.url).resolve(FONT_FILES[weight]);
  const bytes = new Uint8Array(await readFile(path));
  const font = fontkit.create(bytes);
  padSubsetGlyphs(font);
  const unitsPerEm = font.unitsPerEm;
  const advances = new Map<number, number>();
  return {
    weight,
    postscriptName: font.postscriptName ?? `NotoSerifSC-${weight}`,
    bytes,
    font,
    advance(codePoint) {
      let value = advances.get(codePoint);
      if (value === undefined) {
        value = font.glyphForCodePoint(codePoint).advanceWidth / unitsPerEm;
        advances.set(codePoint, value);
      }
      return value;
    },
    canDraw: (codePoint) => codePoint === 0x20 || font.hasGlyphForCodePoint(codePoint),
  };
}

/**
 * A fontkit for `PDFDocument.registerFontkit` that hands back the already parsed faces instead of parsing
 * 15 MB again for every document. Sharing is safe: subsetting reads the font synchronously within one tick.
 */
export function fontkitFor(fonts: FontSet): { create(bytes: Uint8Array): Font } {
  return {
    create(bytes) {
      for (const face of [fonts.regular, fonts.bold]) if (face.bytes === bytes) return face.font;
      return fontkit.create(bytes);
    },
  };
}

/** The parts of @pdf-lib/fontkit's TrueType subset that `padSubsetGlyphs` touches. */
interface TrueTypeSubsetInternals {
  _addGlyph(glyphId: number): number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * Works around a fontkit bug that makes glyphs vanish. Noto's TrueType files store glyphs unpadded (odd
 * lengths are legal with the long `loca` format they use), but a small subset is written with the short
 * format, which stores offset / 2: after the first odd-length glyph every later glyph is cut or shifted, and
 * viewers draw nothing for it while the text still extracts. Padding each copied glyph to an even length
 * keeps every offset exact. The documents' pixel tests draw every glyph they print and would catch a
 * regression; a fontkit whose internals differ fails here instead of printing blanks.
 */
function padSubsetGlyphs(font: Font): void {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = (): Subset => {
    const subset = createSubset() as unknown as Partial<TrueTypeSubsetInternals>;
    const addGlyph = subset._addGlyph?.bind(subset);
    if (!addGlyph) throw new Error('@pdf-lib/fontkit: unexpected TrueType subset internals (cannot pad glyphs)');
    subset._addGlyph = (glyphId) => {
      const index = addGlyph(glyphId);
      const internals = subset as TrueTypeSubsetInternals;
      const data = internals.glyf[index];
      if (data && data.length % 2 === 1) {
        // Same buffer class as fontkit's own (its bundled Buffer), which its encoder insists on.
        const kind = data.constructor as { alloc?: (size: number) => Uint8Array };
        const padded = kind.alloc ? kind.alloc(data.length + 1) : new Uint8Array(data.length + 1);
        padded.set(data);
        internals.glyf[index] = padded;
        internals.offset += 1;
      }
      return index;
    };
    return subset as unknown as Subset;
  };
}
