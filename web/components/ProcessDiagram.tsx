/**
 * The flowchart of a process definition (办理流程图): fetches the BPMN 2.0 document the server exports and draws
 * it with bpmn-js, highlighting open stages (orange) and completed ones (green) by stage id.
 *
 * bpmn-js and its stylesheets are loaded on demand, the first time a diagram is shown, so that pages without one
 * never download them. The diagram is drawn at a readable scale: when it is wider than its box (on a phone,
 * always) the box scrolls sideways and the page does not. The mouse wheel scrolls the page as usual; the
 * buttons zoom. Screen readers read the steps in order from the accessible name.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Spin, Tooltip } from 'antd';
import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { acceptLanguageOf, currentLanguage, type Lang } from '../i18n/language';
import './ProcessDiagram.css';

export interface ProcessDiagramProps {
  /** Where the BPMN XML is, e.g. `/api/public/items/WX-XK-099/process.bpmn`. */
  xmlUrl: string;
  /** Stage ids (= task ids) being worked on now. */
  openStageIds?: string[];
  /** Stage ids already done. */
  completedStageIds?: string[];
  /** Height of the diagram's box in pixels; by default as tall as the diagram. */
  height?: number;
}

const TEXT = {
  zh: {
    name: '办理流程',
    loading: '正在加载流程图…',
    error: '流程图加载失败',
    retry: '重试',
    zoomIn: '放大',
    zoomOut: '缩小',
    fit: '适应宽度',
    open: '正在办理',
    done: '已完成',
    special: '特别程序（时间不计入办理时限）',
    scrollHint: '流程图较宽，可在框内左右滑动查看。',
    parallel: '并联办理',
    separator: '、',
    colon: '：',
    group: (title: string, items: string) => `${title}（${items}）`,
  },
  en: {
    name: 'Process',
    loading: 'Loading the flowchart…',
    error: 'The flowchart could not be loaded',
    retry: 'Retry',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit to width',
    open: 'In progress',
    done: 'Done',
    special: 'Special procedure (time not counted)',
    scrollHint: 'The chart is wide: scroll it sideways inside its box.',
    parallel: 'In parallel',
    separator: ', ',
    colon: ': ',
    group: (title: string, items: string) => `${title} (${items})`,
  },
} as const;

/**
 * Smallest scale the diagram is drawn at by itself (13 px labels become 10.4 px); below it the text is too small
 * to read. Phones get more: their box scrolls anyway, so the text may as well be comfortable.
 */
const MIN_FIT_SCALE = 0.8;
const MIN_FIT_SCALE_NARROW = 0.95;
const NARROW_BOX = 600;
const ZOOM_STEP = 1.25;
const ZOOM_RANGE = [0.4, 2] as const;
/** Space around the diagram inside its box, in diagram units; on the right, room for bpmn-js's logo link. */
const PAD = 12;
const PAD_RIGHT = 90;
const OPEN = 'ow-open';
const DONE = 'ow-done';

interface ViewerLike {
  importXML(xml: string): Promise<unknown>;
  get<T>(name: string): T;
  destroy(): void;
}
type ViewerClass = new (options: Record<string, unknown>) => ViewerLike;

let viewerClass: Promise<ViewerClass> | null = null;

/** bpmn-js and its stylesheets, in a chunk of their own. */
function loadViewer(): Promise<ViewerClass> {
  viewerClass ??= Promise.all([
    import('bpmn-js/lib/NavigatedViewer'),
    import('bpmn-js/dist/assets/diagram-js.css'),
    import('bpmn-js/dist/assets/bpmn-js.css'),
    import('bpmn-js/dist/assets/bpmn-font/css/bpmn.css'),
  ])
    .then(([module]) => module.default as unknown as ViewerClass)
    .catch((err: unknown) => {
      viewerClass = null; // a failed download may be retried
      throw err;
    });
  return viewerClass;
}

async function fetchXml(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, {
    credentials: 'include',
    headers: { Accept: 'application/xml', 'Accept-Language': acceptLanguageOf(currentLanguage()) },
    signal,
  });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // Not the API's error shape (a proxy page): the status says enough.
    }
    throw new Error(message);
  }
  return response.text();
}

/** What bpmn-js keeps of a BPMN element (its business object). */
interface BusinessObject {
  $type: string;
  id: string;
  name?: string;
  $attrs?: Record<string, string>;
  outgoing?: { targetRef: BusinessObject }[];
}

/** A stage's name without the time line under it ("审查\n（5个工作日）" → "审查"). */
function stageName(bo: BusinessObject, lang: Lang, attr: 'ow:nameEn' | 'ow:stepNameEn'): string {
  const english = lang === 'en' ? bo.$attrs?.[attr] : undefined;
  return english ?? (bo.name ?? bo.id).split('\n')[0]!.trim();
}

/** The steps in order, read from the diagram: "审查", "并联征求意见（用地意见、节能意见）", … */
function stepsOf(registry: ElementRegistry, lang: Lang): string[] {
  const t = TEXT[lang];
  const start = registry.find((e) => (e as { type?: string }).type === 'bpmn:StartEvent') as { businessObject: BusinessObject } | undefined;
  const steps: string[] = [];
  const seen = new Set<string>();
  let node = start?.businessObject.outgoing?.[0]?.targetRef;
  while (node && !seen.has(node.id) && node.$type !== 'bpmn:EndEvent') {
    seen.add(node.id);
    const outgoing = node.outgoing ?? [];
    if (node.$type === 'bpmn:ParallelGateway' && outgoing.length > 1) {
      const branches = outgoing.map((f) => stageName(f.targetRef, lang, 'ow:nameEn'));
      const title = node.name ? stageName(node, lang, 'ow:stepNameEn') : t.parallel;
      steps.push(t.group(title, branches.join(t.separator)));
      node = outgoing[0]?.targetRef.outgoing?.[0]?.targetRef.outgoing?.[0]?.targetRef;
      continue;
    }
    if (node.$type !== 'bpmn:ParallelGateway') steps.push(stageName(node, lang, 'ow:nameEn'));
    node = outgoing[0]?.targetRef;
  }
  return steps;
}

function namesOf(registry: ElementRegistry, ids: string[], lang: Lang): string[] {
  return ids.flatMap((id) => {
    const element = registry.get(id) as { businessObject: BusinessObject } | undefined;
    return element ? [stageName(element.businessObject, lang, 'ow:nameEn')] : [];
  });
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export function ProcessDiagram({ xmlUrl, openStageIds, completedStageIds, height }: ProcessDiagramProps) {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const t = TEXT[lang];
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<ViewerLike | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /** null: fit the box's width (not below MIN_FIT_SCALE); a number: the user zoomed. */
  const [zoom, setZoom] = useState<number | null>(null);
  const [scale, setScale] = useState(1);
  const [isWide, setIsWide] = useState(false);
  const [steps, setSteps] = useState<string[]>([]);
  const [hasSpecial, setHasSpecial] = useState(false);

  // Load bpmn-js and the document, draw it; start again when the address changes or on retry.
  useEffect(() => {
    const abort = new AbortController();
    let viewer: ViewerLike | null = null;
    setStatus({ kind: 'loading' });
    void (async () => {
      try {
        const [Viewer, xml] = await Promise.all([loadViewer(), fetchXml(xmlUrl, abort.signal)]);
        if (abort.signal.aborted || !canvasRef.current) return;
        viewer = new Viewer({
          container: canvasRef.current,
          width: '100%',
          height: '100%',
          // The wheel scrolls the page, not the diagram (zooming is on the buttons).
          zoomScroll: { enabled: false },
          textRenderer: {
            defaultStyle: { fontFamily: "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', Arial, sans-serif", fontSize: '13px', lineHeight: 1.25 },
            externalStyle: { fontSize: '12px' },
          },
        });
        await viewer.importXML(xml);
        if (abort.signal.aborted) return;
        viewerRef.current = viewer;
        setZoom(null);
        setStatus({ kind: 'ready' });
      } catch (err) {
        if (abort.signal.aborted) return;
        setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      abort.abort();
      viewerRef.current = null;
      viewer?.destroy();
    };
  }, [xmlUrl, attempt]);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (status.kind !== 'ready' || !viewer) return;
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    setSteps(stepsOf(registry, lang));
    setHasSpecial(registry.getAll().some((e) => (e as { businessObject?: BusinessObject }).businessObject?.$attrs?.['ow:stageType'] === 'special'));
  }, [status, lang]);

  // Size the canvas to the diagram at the chosen scale; the box scrolls when the canvas is wider.
  const layOut = useCallback(() => {
    const viewer = viewerRef.current;
    const box = boxRef.current;
    const element = canvasRef.current;
    if (!viewer || !box || !element) return;
    const canvas = viewer.get<Canvas>('canvas');
    const inner = canvas.viewbox().inner;
    const width = inner.width + PAD + PAD_RIGHT;
    const tall = inner.height + 2 * PAD;
    const fit = Math.min(1, box.clientWidth / width);
    const s = zoom ?? Math.max(fit, box.clientWidth < NARROW_BOX ? MIN_FIT_SCALE_NARROW : MIN_FIT_SCALE);
    const pixelWidth = Math.max(Math.floor(width * s), zoom === null ? 0 : box.clientWidth);
    const pixelHeight = Math.ceil(tall * s);
    element.style.width = `${pixelWidth}px`;
    element.style.height = `${pixelHeight}px`;
    canvas.resized();
    // Centred when narrower than the box; from the left edge when it scrolls.
    const spare = pixelWidth / s - width;
    canvas.viewbox({ x: inner.x - PAD - Math.max(0, spare / 2), y: inner.y - PAD, width: pixelWidth / s, height: pixelHeight / s });
    setScale(s);
    setIsWide(pixelWidth > box.clientWidth + 1);
  }, [zoom]);

  useEffect(() => {
    if (status.kind !== 'ready') return;
    layOut();
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    let lastWidth = box.clientWidth;
    const observer = new ResizeObserver(() => {
      if (box.clientWidth === lastWidth) return;
      lastWidth = box.clientWidth;
      layOut();
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [status, layOut]);

  const openKey = (openStageIds ?? []).join(' ');
  const doneKey = (completedStageIds ?? []).join(' ');

  // Highlight open and completed stages; ids the diagram does not have are ignored.
  useEffect(() => {
    const viewer = viewerRef.current;
    if (status.kind !== 'ready' || !viewer) return;
    const canvas = viewer.get<Canvas>('canvas');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    for (const element of registry.getAll()) {
      canvas.removeMarker(element.id, OPEN);
      canvas.removeMarker(element.id, DONE);
    }
    for (const id of doneKey.split(' ').filter(Boolean)) if (registry.get(id)) canvas.addMarker(id, DONE);
    for (const id of openKey.split(' ').filter(Boolean)) if (registry.get(id)) canvas.addMarker(id, OPEN);
  }, [status, openKey, doneKey]);

  const label = useMemo(() => {
    if (status.kind !== 'ready') return t.group(t.name, status.kind === 'loading' ? t.loading : t.error);
    const viewer = viewerRef.current;
    const registry = viewer?.get<ElementRegistry>('elementRegistry');
    const parts = [`${t.name}${t.colon}${steps.join(' → ')}`];
    const open = registry ? namesOf(registry, openKey.split(' ').filter(Boolean), lang) : [];
    const done = registry ? namesOf(registry, doneKey.split(' ').filter(Boolean), lang) : [];
    if (open.length) parts.push(`${t.open}${t.colon}${open.join(t.separator)}`);
    if (done.length) parts.push(`${t.done}${t.colon}${done.join(t.separator)}`);
    return parts.join(lang === 'en' ? '. ' : '。');
  }, [status, steps, openKey, doneKey, lang, t]);

  const zoomBy = (factor: number) => setZoom(Math.min(ZOOM_RANGE[1], Math.max(ZOOM_RANGE[0], scale * factor)));

  return (
    <div className="ow-process-diagram">
      {status.kind === 'ready' && (
        <div className="ow-process-diagram__bar">
          <ul className="ow-process-diagram__legend" aria-hidden="true">
            {hasSpecial && <li className="ow-process-diagram__key ow-process-diagram__key--special">{t.special}</li>}
            {openKey && <li className="ow-process-diagram__key ow-process-diagram__key--open">{t.open}</li>}
            {doneKey && <li className="ow-process-diagram__key ow-process-diagram__key--done">{t.done}</li>}
          </ul>
          <span className="ow-process-diagram__tools">
            <Tooltip title={t.zoomOut}>
              <Button size="small" icon={<ZoomOutOutlined />} aria-label={t.zoomOut} onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={scale <= ZOOM_RANGE[0]} />
            </Tooltip>
            <Tooltip title={t.zoomIn}>
              <Button size="small" icon={<ZoomInOutlined />} aria-label={t.zoomIn} onClick={() => zoomBy(ZOOM_STEP)} disabled={scale >= ZOOM_RANGE[1]} />
            </Tooltip>
            <Tooltip title={t.fit}>
              <Button size="small" icon={<CompressOutlined />} aria-label={t.fit} onClick={() => setZoom(null)} disabled={zoom === null} />
            </Tooltip>
          </span>
        </div>
      )}
      <div
        ref={boxRef}
        className={`ow-process-diagram__box${status.kind === 'error' ? ' ow-process-diagram__box--hidden' : ''}`}
        // A figure, not an image: the diagram holds focusable parts (its canvas, the bpmn.io link).
        role="figure"
        aria-label={label}
        aria-busy={status.kind === 'loading'}
        style={height ? { height } : undefined}
      >
        <div ref={canvasRef} className="ow-process-diagram__canvas" />
        {status.kind === 'loading' && (
          <div className="ow-process-diagram__loading">
            <Spin size="small" /> <span>{t.loading}</span>
          </div>
        )}
      </div>
      {status.kind === 'ready' && isWide && <p className="ow-process-diagram__hint">{t.scrollHint}</p>}
      {status.kind === 'error' && (
        <Alert
          type="warning"
          showIcon
          message={t.error}
          description={status.message}
          action={
            <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </Button>
          }
        />
      )}
    </div>
  );
}
