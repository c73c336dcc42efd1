/**
 * 长者模式 (elder-friendly mode, 适老化): larger type, higher contrast, bigger touch targets and plainer pages.
 *
 * How a surface uses it (the portal does all three; the kiosk can do the same):
 *   - `initElderMode()` once at start, before React renders (web/main.tsx): puts the class `elder` on <html>
 *     when the stored choice says so, so that the first paint is already large (CSP forbids an inline script).
 *   - `<ElderScope>…</ElderScope>` around the surface: antd's tokens (font sizes, control heights, contrast)
 *     while the mode is on, and the wrapper class `ow-elder-scope` that the rules of ElderMode.css hang on
 *     (`html.elder .ow-elder-scope …`), so that the staff console is never restyled.
 *   - `<ElderModeToggle />` where the visitor can switch it (a button with aria-pressed), or
 *     `const { elder, setElder } = useElderMode()` for a control of one's own.
 * The choice persists in localStorage (`ow_elder`), is shared by every tab, and survives a storage that
 * refuses writes (private mode) for the life of the page.
 */
import { useSyncExternalStore, type ReactNode } from 'react';
import { Button, ConfigProvider, type ThemeConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import './ElderMode.css';

const STORAGE_KEY = 'ow_elder';
const HTML_CLASS = 'elder';

function readStored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false; // storage blocked: the mode starts off
  }
}

let elderOn = false;
const listeners = new Set<() => void>();

function apply(on: boolean): void {
  elderOn = on;
  document.documentElement.classList.toggle(HTML_CLASS, on);
  for (const listener of listeners) listener();
}

/** Reads the stored choice and marks <html>; call once before the first render. */
export function initElderMode(): void {
  apply(readStored());
  // Another tab switched it: follow.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) apply(event.newValue === '1');
  });
}

/** Switches the mode for this page and remembers it for the next visit. */
export function setElderMode(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(STORAGE_KEY, '1');
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembered; the page still switches.
  }
  apply(on);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the mode is on, and a way to switch it; re-renders the caller when it changes anywhere. */
export function useElderMode(): { elder: boolean; setElder: (on: boolean) => void } {
  const elder = useSyncExternalStore(subscribe, () => elderOn);
  return { elder, setElder: setElderMode };
}

/**
 * antd's tokens in the mode: 18 px text (20 px large), 48 px controls, black text and darker greys and borders
 * (contrast ≥ 7:1 for text, WCAG AAA), and a thicker focus ring.
 */
export const ELDER_THEME: ThemeConfig = {
  token: {
    fontSize: 18,
    fontSizeSM: 16,
    fontSizeLG: 20,
    fontSizeHeading1: 36,
    fontSizeHeading2: 30,
    fontSizeHeading3: 26,
    fontSizeHeading4: 22,
    fontSizeHeading5: 20,
    controlHeight: 48,
    controlHeightSM: 48,
    controlHeightLG: 56,
    colorText: '#000000',
    colorTextSecondary: '#1f2329',
    colorTextTertiary: '#333a44',
    colorTextDescription: '#333a44',
    colorTextPlaceholder: '#5f6670',
    colorBorder: '#5f6670',
    colorBorderSecondary: '#8c95a1',
    lineWidthFocus: 3,
    controlOutlineWidth: 4,
  },
};

/** Wraps a surface that offers the mode: its antd tokens when on, and the class the mode's CSS rules need. */
export function ElderScope({ children }: { children: ReactNode }) {
  const { elder } = useElderMode();
  // Always the same element tree, so that switching keeps what the visitor has typed.
  return (
    <ConfigProvider theme={elder ? ELDER_THEME : undefined}>
      <div className="ow-elder-scope">{children}</div>
    </ConfigProvider>
  );
}

/** The header's switch: 长者模式 / Elder mode, pressed while on. */
export function ElderModeToggle({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { elder, setElder } = useElderMode();
  return (
    <Button
      size="small"
      className={`ow-elder-toggle${className ? ` ${className}` : ''}`}
      type={elder ? 'primary' : 'default'}
      aria-pressed={elder}
      title={t('elder.hint')}
      onClick={() => setElder(!elder)}
    >
      {t('elder.toggle')}
    </Button>
  );
}
