import { describe, expect, it } from 'vitest';
import { isCjk, justificationUnits, MISSING_GLYPH_MARK, NO_LINE_END, NO_LINE_START, normalizeText, tokenize, wrapText } from './text';

/** Monospace stand-in: a CJK character is 1 em (10 pt), anything else half of it. */
const measure = (text: string): number => [...text].reduce((sum, char) => sum + (isCjk(char) ? 10 : 5), 0);

describe('tokenize', () => {
  it('splits Chinese by character and keeps Latin words, numbers and codes whole', () => {
    expect(tokenize('申请WX-XK-099号 ok')).toEqual(['申', '请', 'WX-XK-099', '号', ' ', 'ok']);
  });

  it('keeps the two-character dash and ellipsis together', () => {
    expect(tokenize('甲——乙……')).toEqual(['甲', '——', '乙', '……']);
  });

  it('lets a URL break after its separators only', () => {
    expect(tokenize('https://ywt.example/progress')).toEqual(['https://', 'ywt.', 'example/', 'progress']);
    expect(justificationUnits('登录https://ywt.example/p 查询')).toEqual(['登', '录', 'https://ywt.example/p', ' ', '查', '询']);
  });
});

describe('wrapText', () => {
  it('fills lines by character width', () => {
    expect(wrapText('一二三四五六七八九十', 40, measure)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('never starts a line with closing punctuation: the last character moves down with it', () => {
    // "四" fills the line; "，" may not start the next one.
    expect(wrapText('一二三四，五六', 40, measure)).toEqual(['一二三', '四，五六']);
    expect(wrapText('一二三四。」五', 40, measure)).toEqual(['一二三', '四。」五']);
  });

  it('never ends a line with opening punctuation', () => {
    expect(wrapText('一二三（四五）', 40, measure)).toEqual(['一二三', '（四五）']);
    expect(wrapText('一二三四《五》', 50, measure)).toEqual(['一二三四', '《五》']);
  });

  it('holds the rules on long text of every width', () => {
    const text = '你（单位）于2026年3月2日提出的食品经营许可申请（事项编码：WX-XK-099），经审查，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理！';
    for (let width = 30; width <= 200; width += 5) {
      const lines = wrapText(text, width, measure);
      expect(lines.join('')).toBe(text);
      for (const [index, line] of lines.entries()) {
        if (index > 0) expect(NO_LINE_START.has([...line][0] ?? ''), `line starts with ${line}`).toBe(false);
        if (index < lines.length - 1) expect(NO_LINE_END.has([...line].at(-1) ?? ''), `line ends with ${line}`).toBe(false);
        // Only punctuation that may not start a line may hang past the margin.
        const body = [...line];
        while (body.length > 1 && NO_LINE_START.has(body.at(-1) ?? '')) body.pop();
        expect(measure(body.join('')) <= width, `${line} wider than ${width}`).toBe(true);
      }
    }
  });

  it('breaks English at spaces and drops the space at the break', () => {
    expect(wrapText('the quick brown fox', 50, measure)).toEqual(['the quick', 'brown fox']);
  });

  it('splits a word longer than the line by character', () => {
    expect(wrapText('abcdefghij', 20, measure)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('gives the first line its own width (first-line indent) and keeps hard line breaks', () => {
    expect(wrapText('一二三四五六', { first: 20, rest: 40 }, measure)).toEqual(['一二', '三四五六']);
    expect(wrapText('一二\n三', 40, measure)).toEqual(['一二', '三']);
    expect(wrapText('', 40, measure)).toEqual(['']);
  });
});

describe('normalizeText', () => {
  it('marks characters the font lacks with 〓 and reports them', () => {
    const result = normalizeText('张𠀀丰\r\n\tA\u0007', (cp) => cp !== 0x20000);
    expect(result.text).toBe(`张${MISSING_GLYPH_MARK}丰\n A`);
    expect(result.missing).toEqual(['𠀀']);
  });
});
