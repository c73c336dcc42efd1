/**
 * 便民自助终端 (/kiosk): the hall's 24-hour touch screen. Large targets, one thing per screen, an on-screen keypad
 * for digits, and a return to the start after 90 seconds without a touch so that the next person never sees the
 * last one's data (and 长者模式 turns off). Take a ticket, check in an appointment, follow a case, print its notices
 * and certificates after an identity check, read a guide; 长者模式 (larger type, stronger contrast) with one tap.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import type { ItemDetail, ItemSummary, Page } from '../../api/types';
import { useElderMode } from '../../components/ElderMode';
import { setLanguage, uiLanguage } from '../../i18n';
import type { CheckInResult, ScreenData, Ticket } from './hall.api';
import './hall-i18n';
import './hall.css';

type View = 'home' | 'ticket' | 'checkin' | 'progress' | 'print' | 'guide';
const IDLE_MS = 90_000;

interface Progress {
  number: string;
  itemName: string;
  applicant: string;
  phase: string;
  clock: { status: string; dueDate: string | null; remainingDays: number | null };
  events: { at: string; text: string }[];
  certificates: { displayNumber: string; title: string }[];
}

function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <p className="ow-kiosk__error" role="alert">
      {fields.length ? fields.map((f) => f.message).join('；') : errorMessage(error)}
    </p>
  );
}

/** Digits (and X for ID numbers) by touch; the field shows what was typed. */
function Keypad({ value, onChange, max, allowX = false }: { value: string; onChange: (v: string) => void; max: number; allowX?: boolean }) {
  const { t } = useTranslation('hall');
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', allowX ? 'X' : '-', '0'];
  return (
    <div className="ow-kiosk__keypad">
      {keys.map((k) => (
        <button key={k} type="button" className="ow-kiosk__key" onClick={() => value.length < max && onChange(value + k)}>
          {k}
        </button>
      ))}
      <button type="button" className="ow-kiosk__key ow-kiosk__key--wide" onClick={() => onChange(value.slice(0, -1))}>
        {t('kiosk.keypadDelete')}
      </button>
      <button type="button" className="ow-kiosk__key ow-kiosk__key--wide" onClick={() => onChange('')}>
        {t('kiosk.keypadClear')}
      </button>
    </div>
  );
}

function TicketSlip({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('hall');
  return (
    <div className="ow-kiosk__slip" data-testid="ticket-slip">
      <p className="ow-kiosk__slip-centre">{t('centre')}</p>
      <p className="ow-kiosk__slip-label">{t('kiosk.yourNumber')}</p>
      <p className="ow-kiosk__slip-number">{ticket.number}</p>
      <p className="ow-kiosk__slip-zone">{ticket.zone.name}</p>
      <p className="ow-kiosk__slip-wait">
        {t('ticket.ahead', { count: ticket.ahead })}
        {ticket.estimateMinutes !== null && ` · ${t('ticket.estimate', { count: ticket.estimateMinutes })}`}
      </p>
      <p className="ow-kiosk__slip-time">{new Date(ticket.issuedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</p>
      <p className="ow-kiosk__slip-note">{t('kiosk.slipNote')}</p>
      <button type="button" className="ow-kiosk__primary ow-kiosk__no-print" onClick={() => window.print()}>
        {t('kiosk.printSlip')}
      </button>
    </div>
  );
}

function TakeTicket() {
  const { t } = useTranslation('hall');
  const [zone, setZone] = useState<string | null>(null);
  const [name, setName] = useState('');
  const zones = useQuery({
    queryKey: ['hall', 'screen', 'kiosk'],
    queryFn: () => api.get<ScreenData>('/api/public/queue/screen'),
    refetchInterval: 10_000,
  });
  const take = useMutation({ mutationFn: (body: { zoneCode: string; name?: string }) => api.post<Ticket>('/api/public/queue/tickets', body) });
  if (take.data) return <TicketSlip ticket={take.data} />;
  if (!zone) {
    return (
      <>
        <h2 className="ow-kiosk__heading">{t('kiosk.chooseZone')}</h2>
        <div className="ow-kiosk__tiles">
          {zones.data?.zones.map((z) => (
            <button key={z.code} type="button" className="ow-kiosk__tile" onClick={() => setZone(z.code)}>
              <span className="ow-kiosk__tile-mark" aria-hidden="true">
                {z.prefix}
              </span>
              <span className="ow-kiosk__tile-title">{z.name}</span>
              <span className="ow-kiosk__tile-hint">{z.open ? t('kiosk.waitingN', { count: z.waiting }) : t('kiosk.closedNow')}</span>
            </button>
          ))}
        </div>
      </>
    );
  }
  const chosen = zones.data?.zones.find((z) => z.code === zone);
  return (
    <form
      className="ow-kiosk__form"
      onSubmit={(e) => {
        e.preventDefault();
        take.mutate({ zoneCode: zone, ...(name.trim() ? { name: name.trim() } : {}) });
      }}
    >
      <h2 className="ow-kiosk__heading">{chosen?.name}</h2>
      <label className="ow-kiosk__label" htmlFor="kiosk-name">
        {t('kiosk.nameOptional')}
      </label>
      <input id="kiosk-name" className="ow-kiosk__input" value={name} maxLength={30} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      <Problem error={take.error} />
      <button type="submit" className="ow-kiosk__primary" disabled={take.isPending}>
        {t('kiosk.confirmTicket')}
      </button>
    </form>
  );
}

function CheckIn() {
  const { t } = useTranslation('hall');
  const [code, setCode] = useState('');
  const [last4, setLast4] = useState('');
  const checkIn = useMutation({ mutationFn: (body: { code: string; phoneLast4: string }) => api.post<CheckInResult>('/api/public/appointments/check-in', body) });
  if (checkIn.data) return <TicketSlip ticket={checkIn.data.ticket} />;
  return (
    <form
      className="ow-kiosk__form"
      onSubmit={(e) => {
        e.preventDefault();
        checkIn.mutate({ code: code.trim().toUpperCase(), phoneLast4: last4 });
      }}
    >
      <h2 className="ow-kiosk__heading">{t('kiosk.checkIn')}</h2>
      <label className="ow-kiosk__label" htmlFor="kiosk-code">
        {t('kiosk.code')}
      </label>
      <input
        id="kiosk-code"
        className="ow-kiosk__input ow-kiosk__input--code"
        value={code}
        maxLength={8}
        autoComplete="off"
        autoCapitalize="characters"
        onChange={(e) => setCode(e.target.value.toUpperCase())}
      />
      <label className="ow-kiosk__label" htmlFor="kiosk-last4">
        {t('kiosk.phoneLast4')}
      </label>
      <input id="kiosk-last4" className="ow-kiosk__input" value={last4} inputMode="numeric" maxLength={4} readOnly aria-readonly="true" />
      <Keypad value={last4} onChange={setLast4} max={4} />
      <Problem error={checkIn.error} />
      <button type="submit" className="ow-kiosk__primary" disabled={checkIn.isPending || code.length !== 8 || last4.length !== 4}>
        {t('kiosk.checkInSubmit')}
      </button>
    </form>
  );
}

function CaseProgress() {
  const { t } = useTranslation('hall');
  const { t: ta } = useTranslation('applicant');
  const [number, setNumber] = useState('');
  const [credential, setCredential] = useState('');
  const [field, setField] = useState<'number' | 'credential'>('number');
  const lookup = useMutation({ mutationFn: (body: { number: string; credential: string }) => api.post<Progress>('/api/public/case-progress', body) });
  const p = lookup.data;
  if (p) {
    return (
      <div className="ow-kiosk__result">
        <h2 className="ow-kiosk__heading">{p.itemName}</h2>
        <p className="ow-kiosk__big">
          {p.number} · {ta(`phase.${p.phase}`, { defaultValue: p.phase })}
        </p>
        {p.clock.dueDate && (
          <p className="ow-kiosk__big">
            {ta('clock.dueLabel')}：{p.clock.dueDate}
          </p>
        )}
        <ol className="ow-kiosk__events">
          {p.events
            .slice(-6)
            .reverse()
            .map((e) => (
              <li key={e.at + e.text}>
                <time>{new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</time> {e.text}
              </li>
            ))}
        </ol>
        {p.certificates.map((c) => (
          <p key={c.displayNumber} className="ow-kiosk__big">
            {c.title} {c.displayNumber}
          </p>
        ))}
      </div>
    );
  }
  const value = field === 'number' ? number : credential;
  const setValue = field === 'number' ? setNumber : setCredential;
  return (
    <form
      className="ow-kiosk__form"
      onSubmit={(e) => {
        e.preventDefault();
        lookup.mutate({ number: number.trim(), credential: credential.trim() });
      }}
    >
      <h2 className="ow-kiosk__heading">{t('kiosk.progress')}</h2>
      <label className="ow-kiosk__label" htmlFor="kiosk-number">
        {t('kiosk.caseNumber')}
      </label>
      <input id="kiosk-number" className="ow-kiosk__input" value={number} maxLength={22} autoComplete="off" onFocus={() => setField('number')} onChange={(e) => setNumber(e.target.value)} />
      <label className="ow-kiosk__label" htmlFor="kiosk-credential">
        {t('kiosk.credential')}
      </label>
      <input
        id="kiosk-credential"
        className="ow-kiosk__input"
        value={credential}
        maxLength={18}
        autoComplete="off"
        onFocus={() => setField('credential')}
        onChange={(e) => setCredential(e.target.value)}
      />
      <Keypad value={value} onChange={setValue} max={field === 'number' ? 22 : 18} allowX={field === 'credential'} />
      <Problem error={lookup.error instanceof ApiError && lookup.error.status === 404 ? new Error(ta('lookup.notFound')) : lookup.error} />
      <button type="submit" className="ow-kiosk__primary" disabled={lookup.isPending || !number || !credential}>
        {t('kiosk.query')}
      </button>
    </form>
  );
}

interface KioskDocuments {
  number: string;
  itemName: string;
  applicant: string;
  documents: { kind: string; title: string }[];
  certificates: { number: string; displayNumber: string; title: string }[];
}

/** Prints a PDF through a hidden frame: the kiosk's printer, no download to a shared machine. */
function printBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const frame = document.createElement('iframe');
  frame.className = 'ow-kiosk__print-frame';
  frame.title = 'print';
  frame.src = url;
  frame.onload = () => {
    frame.contentWindow?.print();
    window.setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 60_000);
  };
  document.body.appendChild(frame);
}

/** 自助打印: the case number, the applicant's ID number and phone (all in full), then the notices and certificates. */
function PrintDocuments() {
  const { t } = useTranslation('hall');
  const { t: ta } = useTranslation('applicant');
  const [number, setNumber] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [field, setField] = useState<'number' | 'idNumber' | 'phone'>('number');
  const identity = { number: number.trim(), idNumber: idNumber.trim(), phone: phone.trim() };
  const check = useMutation({ mutationFn: () => api.post<KioskDocuments>('/api/public/kiosk/documents', identity) });
  const print = useMutation({
    mutationFn: async (doc: { document: string; certificateNumber?: string }) => {
      const file = await api.downloadPost('/api/public/kiosk/documents/pdf', { ...identity, ...doc });
      printBlob(file.blob);
      return doc;
    },
  });
  const found = check.data;
  if (found) {
    const items = [
      ...found.documents.map((d) => ({ key: d.kind, title: d.title, doc: { document: d.kind } })),
      ...found.certificates.map((c) => ({ key: c.number, title: `${c.title} ${c.displayNumber}`, doc: { document: 'certificate', certificateNumber: c.number } })),
    ];
    return (
      <div className="ow-kiosk__result">
        <h2 className="ow-kiosk__heading">{found.itemName}</h2>
        <p className="ow-kiosk__big">
          {found.number} · {found.applicant}
        </p>
        <h3 className="ow-kiosk__label">{t('kiosk.documents')}</h3>
        {items.length === 0 && <p className="ow-kiosk__big">{t('kiosk.noDocuments')}</p>}
        <ul className="ow-kiosk__list">
          {items.map((i) => (
            <li key={i.key} className="ow-kiosk__doc">
              <span>{i.title}</span>
              <button type="button" className="ow-kiosk__primary" disabled={print.isPending} onClick={() => print.mutate(i.doc)}>
                {t('kiosk.printDoc')}
              </button>
            </li>
          ))}
        </ul>
        {print.isSuccess && (
          <p className="ow-kiosk__big" role="status">
            {t('kiosk.printing')}
          </p>
        )}
        <Problem error={print.error} />
      </div>
    );
  }
  const values = { number, idNumber, phone };
  const setters = { number: setNumber, idNumber: setIdNumber, phone: setPhone };
  const max = { number: 22, idNumber: 18, phone: 11 };
  return (
    <form
      className="ow-kiosk__form"
      onSubmit={(e) => {
        e.preventDefault();
        check.mutate();
      }}
    >
      <h2 className="ow-kiosk__heading">{t('kiosk.print')}</h2>
      {(['number', 'idNumber', 'phone'] as const).map((f) => (
        <div key={f} className="ow-kiosk__field">
          <label className="ow-kiosk__label" htmlFor={`kiosk-print-${f}`}>
            {t(f === 'number' ? 'kiosk.caseNumber' : f === 'idNumber' ? 'kiosk.idNumber' : 'kiosk.phone')}
          </label>
          <input
            id={`kiosk-print-${f}`}
            className={`ow-kiosk__input${field === f ? ' is-active' : ''}`}
            value={values[f]}
            maxLength={max[f]}
            autoComplete="off"
            onFocus={() => setField(f)}
            onChange={(e) => setters[f](e.target.value)}
          />
        </div>
      ))}
      <Keypad value={values[field]} onChange={setters[field]} max={max[field]} allowX={field === 'idNumber'} />
      <Problem error={check.error instanceof ApiError && check.error.status === 404 ? new Error(ta('lookup.notFound')) : check.error} />
      <button type="submit" className="ow-kiosk__primary" disabled={check.isPending || !number || !idNumber || phone.length !== 11}>
        {t('kiosk.verify')}
      </button>
    </form>
  );
}

function Guide() {
  const { t } = useTranslation('hall');
  const [q, setQ] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['kiosk', 'items', q],
    queryFn: () => api.get<Page<ItemSummary>>('/api/public/items', { q: q || undefined, limit: 12 }),
  });
  const item = useQuery({ queryKey: ['kiosk', 'item', code], queryFn: () => api.get<ItemDetail>(`/api/public/items/${code}`), enabled: !!code });
  if (code && item.data) {
    const d = item.data;
    return (
      <div className="ow-kiosk__result">
        <h2 className="ow-kiosk__heading">{d.name}</h2>
        <p className="ow-kiosk__big">
          {d.executingUnit.name}
          {d.promisedLimitDays !== null && ` · ${d.promisedLimitDays} 个工作日`}
        </p>
        <ol className="ow-kiosk__materials">
          {d.materials.map((m) => (
            <li key={m.id}>
              {m.name}
              {m.requirement === 'conditional' && <span className="ow-kiosk__muted">（{m.condition || '视情况提供'}）</span>}
            </li>
          ))}
        </ol>
        <button type="button" className="ow-kiosk__secondary" onClick={() => setCode(null)}>
          {t('kiosk.back')}
        </button>
      </div>
    );
  }
  return (
    <div className="ow-kiosk__form">
      <h2 className="ow-kiosk__heading">{t('kiosk.guide')}</h2>
      <label className="ow-kiosk__label" htmlFor="kiosk-search">
        {t('kiosk.searchItems')}
      </label>
      <input id="kiosk-search" className="ow-kiosk__input" value={q} maxLength={40} autoComplete="off" onChange={(e) => setQ(e.target.value)} />
      <ul className="ow-kiosk__list">
        {list.data?.items.map((i) => (
          <li key={i.id}>
            <button type="button" className="ow-kiosk__list-button" onClick={() => setCode(i.code)}>
              {i.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function KioskPage() {
  const { t } = useTranslation('hall');
  const lang = uiLanguage();
  const [view, setView] = useState<View>('home');
  // Each visit to a function starts it afresh (the key), so nothing typed survives a return to the start.
  const [visit, setVisit] = useState(0);
  // The portal's 长者模式, so that pages opened from the kiosk keep it; a new visitor (after the idle time) starts without it.
  const { elder, setElder } = useElderMode();
  const timer = useRef<number | undefined>(undefined);

  const goHome = useCallback(() => {
    setView('home');
    setVisit((v) => v + 1);
  }, []);

  useEffect(() => {
    document.title = `${t('kiosk.title')} · ${t('centre')}`;
  }, [t]);

  useEffect(() => {
    const reset = () => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        goHome();
        setElder(false);
      }, IDLE_MS);
    };
    reset();
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const e of events) window.addEventListener(e, reset);
    return () => {
      window.clearTimeout(timer.current);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [goHome, setElder]);

  const open = (v: View) => {
    setView(v);
    setVisit((n) => n + 1);
  };

  const tiles: { view: View; title: string; hint: string; mark: ReactNode }[] = [
    { view: 'ticket', title: t('kiosk.takeTicket'), hint: t('kiosk.takeTicketHint'), mark: '号' },
    { view: 'checkin', title: t('kiosk.checkIn'), hint: t('kiosk.checkInHint'), mark: '约' },
    { view: 'progress', title: t('kiosk.progress'), hint: t('kiosk.progressHint'), mark: '查' },
    { view: 'print', title: t('kiosk.print'), hint: t('kiosk.printHint'), mark: '印' },
    { view: 'guide', title: t('kiosk.guide'), hint: t('kiosk.guideHint'), mark: '指' },
  ];

  return (
    <div className={`ow-kiosk${elder ? ' ow-kiosk--elder' : ''}`} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <header className="ow-kiosk__header">
        <h1 className="ow-kiosk__title">
          {t('centre')} · {t('kiosk.title')}
        </h1>
        <div className="ow-kiosk__tools">
          <button type="button" className="ow-kiosk__tool" aria-pressed={elder} onClick={() => setElder(!elder)}>
            {t('kiosk.elder')}
          </button>
          <button type="button" className="ow-kiosk__tool" onClick={() => void setLanguage(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </div>
      </header>
      <main className="ow-kiosk__main" key={visit}>
        {view === 'home' ? (
          <>
            <p className="ow-kiosk__welcome">{t('kiosk.welcome')}</p>
            <div className="ow-kiosk__tiles">
              {tiles.map((tile) => (
                <button key={tile.view} type="button" className="ow-kiosk__tile" onClick={() => open(tile.view)}>
                  <span className="ow-kiosk__tile-mark" aria-hidden="true">
                    {tile.mark}
                  </span>
                  <span className="ow-kiosk__tile-title">{tile.title}</span>
                  <span className="ow-kiosk__tile-hint">{tile.hint}</span>
                </button>
              ))}
            </div>
          </>
        ) : view === 'ticket' ? (
          <TakeTicket />
        ) : view === 'checkin' ? (
          <CheckIn />
        ) : view === 'progress' ? (
          <CaseProgress />
        ) : view === 'print' ? (
          <PrintDocuments />
        ) : (
          <Guide />
        )}
      </main>
      <footer className="ow-kiosk__footer">
        {view !== 'home' && (
          <button type="button" className="ow-kiosk__home" onClick={goHome}>
            {t('kiosk.home')}
          </button>
        )}
        <span className="ow-kiosk__privacy">{t('kiosk.privacy')}</span>
      </footer>
    </div>
  );
}
