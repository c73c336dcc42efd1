/**
 * 叫号屏 (/screen, /screen?zone=HALL-APPROVAL): the hall's television. The number being called in huge type with
 * its window, the latest calls with names masked (张*), each zone's waiting count. Every new call or recall is
 * spoken with the browser's speech synthesis once someone at the screen has turned the voice on (browsers allow
 * speech only after a tap), and written in a live region for those who cannot hear it. Polls every two seconds.
 */
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { uiLanguage } from '../../i18n';
import type { ScreenData } from './hall.api';
import './hall-i18n';
import './hall.css';

function speak(text: string, lang: 'zh' | 'en'): void {
  if (!('speechSynthesis' in window)) return;
  // Said twice, as halls do, so that someone who looked up late still hears it.
  for (let i = 0; i < 2; i++) {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang === 'zh' ? 'zh-CN' : 'en-US';
    u.rate = lang === 'zh' ? 0.85 : 0.95;
    window.speechSynthesis.speak(u);
  }
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <time className="ow-screen__clock" dateTime={now.toISOString()}>
      {now.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })}
    </time>
  );
}

export default function ScreenPage() {
  const { t } = useTranslation('hall');
  const [params] = useSearchParams();
  const zone = params.get('zone') ?? undefined;
  const lang = uiLanguage();
  const [voice, setVoice] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const spokenUpTo = useRef<number | null>(null);

  const screen = useQuery({
    queryKey: ['hall', 'screen', zone, lang],
    queryFn: () => api.get<ScreenData>('/api/public/queue/screen', { zone }),
    refetchInterval: 2000,
    staleTime: 0,
  });

  useEffect(() => {
    document.title = `${t('screen.title')} · ${t('centre')}`;
  }, [t]);

  // Announce every call the screen has not announced, oldest first; what was on the screen when it opened is not.
  useEffect(() => {
    const calls = screen.data?.calls;
    if (!calls) return;
    const newest = calls[0]?.id ?? 0;
    if (spokenUpTo.current === null) {
      spokenUpTo.current = newest;
      return;
    }
    const fresh = calls.filter((c) => c.id > spokenUpTo.current!).reverse();
    if (fresh.length === 0) return;
    spokenUpTo.current = newest;
    for (const c of fresh) {
      setAnnouncement(c.sentence);
      if (voice) speak(c.sentence, lang);
    }
  }, [screen.data, voice, lang]);

  const data = screen.data;
  const [current, ...recent] = data?.calls ?? [];
  const zoneName = zone ? data?.zones[0]?.name : t('screen.allZones');

  return (
    <div className="ow-screen" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <header className="ow-screen__header">
        <h1 className="ow-screen__title">
          {t('centre')} · {zoneName ?? ''}
        </h1>
        <div className="ow-screen__tools">
          <Clock />
          <button type="button" className="ow-screen__voice" aria-pressed={voice} onClick={() => setVoice(true)} disabled={voice}>
            {voice ? t('screen.voiceOn') : t('screen.enableVoice')}
          </button>
        </div>
      </header>
      <main className="ow-screen__main">
        <section className="ow-screen__now" aria-labelledby="now-calling">
          <h2 id="now-calling" className="ow-screen__label">
            {t('screen.nowCalling')}
          </h2>
          {current ? (
            <div className="ow-screen__current" key={current.id}>
              <div className="ow-screen__number" data-testid="current-number">
                {current.number}
              </div>
              <div className="ow-screen__who">{current.name}</div>
              <div className="ow-screen__window">{current.windowName}</div>
            </div>
          ) : (
            <p className="ow-screen__none">{t('screen.none')}</p>
          )}
        </section>
        <section className="ow-screen__recent" aria-labelledby="recent-calls">
          <h2 id="recent-calls" className="ow-screen__label">
            {t('screen.recent')}
          </h2>
          <table className="ow-screen__table">
            <thead>
              <tr>
                <th scope="col">{t('screen.number')}</th>
                <th scope="col">{t('screen.name')}</th>
                <th scope="col">{t('screen.window')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.slice(0, 7).map((c) => (
                <tr key={c.id}>
                  <td className="ow-screen__cell-number">{c.number}</td>
                  <td>{c.name}</td>
                  <td>{c.windowName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <aside className="ow-screen__zones" aria-label={t('screen.waiting')}>
          {data?.zones.map((z) => (
            <div key={z.code} className="ow-screen__zone">
              <span className="ow-screen__zone-prefix" aria-hidden="true">
                {z.prefix}
              </span>
              <span className="ow-screen__zone-name">{z.name}</span>
              <span className="ow-screen__zone-waiting">
                {z.open ? `${t('screen.waiting')} ${z.waiting}` : t('screen.closed')}
              </span>
            </div>
          ))}
        </aside>
      </main>
      <footer className="ow-screen__footer">
        <span>{t('screen.hint')}</span>
        <span className="ow-screen__announcement" role="status" aria-live="assertive" data-testid="announcement">
          {announcement}
        </span>
      </footer>
    </div>
  );
}
