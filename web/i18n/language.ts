/**
 * The UI language: Chinese first, English second. The choice persists in localStorage and in the cookie
 * `ow_lang`, which the server reads so that its messages (errors, validation) come in the same language.
 */
export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];
const STORAGE_KEY = 'ow_lang';

function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

function readCookie(): Lang | null {
  const match = /(?:^|;\s*)ow_lang=(zh|en)\b/.exec(document.cookie);
  return isLang(match?.[1]) ? match[1] : null;
}

/** The stored choice, else the cookie, else Chinese (the county's working language). */
export function readStoredLanguage(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage may be blocked (private mode); the cookie still works.
  }
  return readCookie() ?? 'zh';
}

let current: Lang = 'zh';

/** The language the API client announces in Accept-Language. */
export function currentLanguage(): Lang {
  return current;
}

/** Remembers the language for the page, the next visit and the server. */
export function persistLanguage(lang: Lang): void {
  current = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Ignored: see readStoredLanguage.
  }
  document.cookie = `ow_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The value of the Accept-Language header for a UI language. */
export function acceptLanguageOf(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN,zh;q=0.9' : 'en;q=1,zh-CN;q=0.5';
}
