/**
 * Line breaking for Chinese text (pure). Chinese has no spaces between words, so a line may break between
 * any two characters, except where the punctuation rules of GB/T 15834 and the W3C "Requirements for Chinese
 * Text Layout" (clreq) forbid it: closing punctuation never starts a line, opening punctuation never ends one.
 * Runs of Latin letters and digits (item codes, URLs, English text) break only at spaces, unless a run alone
 * is wider than the line.
 */

/** Punctuation that must not start a line (行首禁则). */
export const NO_LINE_START = new Set([...'，。、；：？！）」』】〕〗〉》’”…—％·～,.;:?!)]}%‰】']);

/** Punctuation that must not end a line (行尾禁则). */
export const NO_LINE_END = new Set([...'（「『【〔〖〈《‘“([{']);

/** Shown in place of a character the font cannot draw: the traditional mark for a character set by hand. */
export const MISSING_GLYPH_MARK = '〓';

/** Measures a piece of text in points. */
export type Measure = (text: string) => number;

/** CJK ideographs, CJK and full-width punctuation: each is a break opportunity of its own. */
export function isCjk(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK punctuation, kana, CJK unified ideographs
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    cp >= 0x20000 || // extension B and beyond
    char === '…' ||
    char === '—' ||
    char === '“' ||
    char === '”' ||
    char === '‘' ||
    char === '’' ||
    char === '·'
  );
}

/**
 * Makes text drawable: line ends normalised, tabs to spaces, control characters dropped, and every character
 * the font lacks replaced by 〓 so that it is visibly marked instead of silently vanishing.
 * Returns the text and the characters that were replaced.
 */
export function normalizeText(text: string, canDraw: (codePoint: number) => boolean): { text: string; missing: string[] } {
  const missing: string[] = [];
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const cp = char.codePointAt(0) ?? 0;
    if (char === '\n') out += char;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfeff || cp === 0x200b) continue;
    else if (canDraw(cp)) out += char;
    else {
      missing.push(char);
      out += MISSING_GLYPH_MARK;
    }
  }
  return { text: out, missing };
}

/** A URL or e-mail address; it may break after / . ? & = - _ like in print, never elsewhere. */
const LINK = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|@/i;

/**
 * Splits text into unbreakable pieces: one CJK character, a Latin word (or a piece of a URL), or a run of
 * spaces.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word && !word.startsWith(' ') && LINK.test(word)) tokens.push(...(word.match(/[^/.?&=_-]*(?:[/.?&=_-]+|$)/g) ?? [word]).filter(Boolean));
    else if (word) tokens.push(word);
    word = '';
  };
  for (const char of text) {
    if (char === ' ') {
      if (word && !word.endsWith(' ')) flush();
      word += char;
    } else if (isCjk(char)) {
      flush();
      const last = tokens[tokens.length - 1];
      // "……" and "——" are one mark of two characters and are never split.
      if ((char === '…' || char === '—') && last !== undefined && last.endsWith(char)) tokens[tokens.length - 1] = last + char;
      else tokens.push(char);
    } else {
      if (word.endsWith(' ')) flush();
      word += char;
    }
  }
  flush();
  return tokens;
}

const isSpace = (token: string): boolean => token.trim() === '';
const firstChar = (token: string): string => [...token][0] ?? '';
const lastChar = (token: string): string => [...token].at(-1) ?? '';

/** Available width of each line: the first line of a paragraph may be narrower (indent). */
export interface LineWidths {
  first: number;
  rest: number;
}

/**
 * Breaks one paragraph into lines no wider than the available width (a single unbreakable token wider than
 * the line is split by character). Hard line breaks ("\n") start a new line. Trailing spaces are dropped.
 */
export function wrapText(text: string, widths: LineWidths | number, measure: Measure): string[] {
  const { first, rest } = typeof widths === 'number' ? { first: widths, rest: widths } : widths;
  const lines: string[] = [];
  for (const hardLine of text.split('\n')) {
    breakLine(hardLine, () => (lines.length === 0 ? first : rest), measure, lines);
  }
  return lines;
}

function breakLine(text: string, available: () => number, measure: Measure, out: string[]): void {
  const queue = tokenize(text);
  let line: string[] = [];
  let width = 0;
  const emit = (): void => {
    out.push(line.join('').trimEnd());
    line = [];
    width = 0;
  };
  const startLine = (tokens: string[]): void => {
    // An opening bracket must not end the line just emitted: it moves down with what it opens.
    const carried: string[] = [];
    while (line.length > 1 && NO_LINE_END.has(lastChar(line[line.length - 1] ?? ''))) carried.unshift(line.pop() ?? '');
    emit();
    for (const token of [...carried, ...tokens]) {
      if (line.length === 0 && isSpace(token)) continue;
      line.push(token);
      width += measure(token);
    }
  };

  while (queue.length > 0) {
    const token = queue.shift() ?? '';
    if (isSpace(token)) {
      // Spaces may hang past the margin; they are trimmed at the end of the line.
      if (line.length > 0) {
        line.push(token);
        width += measure(token);
      }
      continue;
    }
    const tokenWidth = measure(token);
    const limit = available();
    if (width + tokenWidth <= limit + 0.01) {
      line.push(token);
      width += tokenWidth;
      continue;
    }
    if (tokenWidth > limit && [...token].length > 1) {
      // A word wider than the whole line (a long URL): break it by character.
      queue.unshift(...[...token]);
      continue;
    }
    if (NO_LINE_START.has(firstChar(token)) && line.length > 0) {
      // 推出: move the last character(s) of this line down so that the punctuation does not start a line.
      const carried = [token];
      while (line.length > 1) {
        const moved = line.pop() ?? '';
        carried.unshift(moved);
        if (!NO_LINE_START.has(firstChar(moved)) && !isSpace(moved)) break;
      }
      if (line.length > 0 && !NO_LINE_START.has(firstChar(carried[0] ?? ''))) {
        startLine(carried);
        continue;
      }
      // Nothing can move down (a line of one character): let the punctuation hang past the margin.
      line.push(...carried);
      width += carried.reduce((sum, t) => sum + measure(t), 0);
      continue;
    }
    if (line.length === 0) {
      line.push(token);
      width += tokenWidth;
      continue;
    }
    startLine([token]);
  }
  if (line.length > 0 || text.trim() === '') emit();
}

/**
 * The units between which a justified line may take extra space: each CJK character, each Latin word (a
 * URL's pieces joined again), each run of spaces.
 */
export function justificationUnits(line: string): string[] {
  const units: string[] = [];
  for (const token of tokenize(line)) {
    const last = units[units.length - 1];
    const isLatin = (value: string): boolean => !isSpace(value) && !isCjk(firstChar(value));
    if (last !== undefined && isLatin(last) && isLatin(token)) units[units.length - 1] = last + token;
    else units.push(token);
  }
  return units;
}
