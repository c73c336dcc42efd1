/**
 * Home of the public portal: the figures of the reform, a search box (name, code or pinyin initials) and
 * ways to browse the guide by life event, department and zone, for persons or enterprises.
 */
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Input, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogFacets, CatalogStats } from '../../api/types';
import { useCatalogFacets, useCatalogStats } from '../../features/catalog/catalog.queries';
import { ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { useLabels } from '../../i18n/labels';

type AudienceChoice = 'all' | 'person' | 'enterprise';

function listLink(params: Record<string, string>, audience: AudienceChoice): string {
  const search = new URLSearchParams(params);
  if (audience !== 'all') search.set('audience', audience);
  return `/items?${search.toString()}`;
}

const STAT_KEYS = [
  'departments',
  'licensingItems',
  'confirmationItems',
  'sections',
  'centerUnits',
  'serviceItems',
  'zones',
  'townships',
] as const satisfies readonly (keyof CatalogStats)[];

function StatsRow() {
  const { t } = useTranslation('portal');
  const stats = useCatalogStats();
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  return (
    <section aria-labelledby="stats-title" className="ow-section ow-elder-hide">
      <h2 id="stats-title" className="ow-section__title">
        {t('home.statsTitle')}
      </h2>
      <ul className="ow-stats" aria-busy={stats.isPending}>
        {STAT_KEYS.map((key) => (
          <li key={key} className="ow-stat">
            <span className="ow-stat__value">
              {stats.data ? stats.data[key] : <span className="ow-stat__placeholder">—</span>}
              <span className="ow-stat__suffix">{t(`home.statSuffix.${key}`)}</span>
            </span>
            <span className="ow-stat__label">{t(`home.stats.${key}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tiles({ children, label }: { children: ReactNode; label: string }) {
  return (
    <ul className="ow-tiles" aria-label={label}>
      {children}
    </ul>
  );
}

function Tile({ to, title, count }: { to: string; title: string; count?: number }) {
  const { t } = useTranslation('portal');
  return (
    <li>
      <Link to={to} className="ow-tile">
        <span className="ow-tile__title">{title}</span>
        {count !== undefined && <span className="ow-tile__count">{t('home.itemCount', { count })}</span>}
      </Link>
    </li>
  );
}

function BrowseSections({ facets, audience }: { facets: CatalogFacets; audience: AudienceChoice }) {
  const { t } = useTranslation('portal');
  const labels = useLabels();
  // Counts are of all audiences; they are shown only when no audience is chosen.
  const countOf = (n: number) => (audience === 'all' ? n : undefined);
  const hallZones = facets.zones.filter((z) => z.kind === 'hall');
  return (
    <>
      <section aria-labelledby="life-title" className="ow-section">
        <h2 id="life-title" className="ow-section__title">
          {t('home.byLifeEvent')}
        </h2>
        <Tiles label={t('home.byLifeEvent')}>
          {facets.lifeEvents.map((e) => (
            <Tile key={e.code} to={listLink({ lifeEvent: e.code }, audience)} title={labels.lifeEvent(e.code)} count={countOf(e.count)} />
          ))}
        </Tiles>
      </section>
      <section aria-labelledby="dept-title" className="ow-section">
        <h2 id="dept-title" className="ow-section__title">
          {t('home.byDepartment')}
        </h2>
        <p className="ow-section__hint">{t('home.byDepartmentHint')}</p>
        <Tiles label={t('home.byDepartment')}>
          {facets.departments.map((d) => (
            <Tile key={d.id} to={listLink({ departmentId: d.id }, audience)} title={d.name} count={countOf(d.count)} />
          ))}
        </Tiles>
      </section>
      <section aria-labelledby="zone-title" className="ow-section">
        <h2 id="zone-title" className="ow-section__title">
          {t('home.byZone')}
        </h2>
        <div className="ow-zone-grid">
          {hallZones.map((hall) => {
            const areas = facets.zones.filter((z) => z.parentId === hall.id);
            return (
              <div key={hall.id} className="ow-box">
                <div className="ow-box__head">
                  <Link to={listLink({ zoneId: hall.id }, audience)} className="ow-zone-card__title">
                    {hall.name}
                  </Link>
                  {audience === 'all' && <span className="ow-muted ow-small">{t('home.itemCount', { count: hall.count })}</span>}
                </div>
                {areas.length > 0 ? (
                  <ul className="ow-zone-card__areas" aria-label={t('home.functionalAreasOf', { zone: hall.name })}>
                    {areas.map((area) => (
                      <li key={area.id}>
                        <Link to={listLink({ zoneId: area.id }, audience)}>{area.name}</Link>
                        {audience === 'all' && <span className="ow-muted"> · {area.count}</span>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Link to={listLink({ zoneId: hall.id }, audience)}>{t('home.viewZoneItems')}</Link>
                )}
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}

export function HomePage() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [audience, setAudience] = useState<AudienceChoice>('all');
  const facets = useCatalogFacets();

  const search = (value: string) => {
    const q = value.trim();
    void navigate(listLink(q ? { q } : {}, audience));
  };

  return (
    <>
      <section className="ow-hero">
        <div className="ow-container">
          <h1 className="ow-hero__title">{t('home.title')}</h1>
          <p className="ow-hero__subtitle">{t('home.subtitle')}</p>
          <div className="ow-hero__search">
            <ToggleButtons<AudienceChoice>
              size="middle"
              className="ow-audience-switch"
              label={t('home.audienceLabel')}
              value={audience}
              onChange={setAudience}
              options={[
                { label: t('home.audience.all'), value: 'all' },
                { label: t('home.audience.person'), value: 'person' },
                { label: t('home.audience.enterprise'), value: 'enterprise' },
              ]}
            />
            <Input.Search
              size="large"
              enterButton={t('home.searchButton')}
              placeholder={t('home.searchPlaceholder')}
              aria-label={t('home.searchLabel')}
              allowClear
              onSearch={search}
              maxLength={60}
            />
            <p className="ow-hero__hint ow-elder-hide">{t('home.searchHint')}</p>
          </div>
        </div>
      </section>
      <div className="ow-container">
        <StatsRow />
        {facets.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
        {facets.isError && <ErrorState error={facets.error} onRetry={() => void facets.refetch()} />}
        {facets.data && <BrowseSections facets={facets.data} audience={audience} />}
        <section className="ow-section">
          <div className="ow-box ow-org-teaser">
            <h2 className="ow-section__title">{t('home.orgTitle')}</h2>
            <p>{t('home.orgText')}</p>
            <Link to="/org">{t('home.orgLink')}</Link>
          </div>
        </section>
      </div>
    </>
  );
}
