/**
 * 办事指南 list: search and filters live in the URL (/items?q=…&departmentId=…&page=2), so a filtered list
 * can be bookmarked and shared.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, Checkbox, Input, Pagination, Select, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ITEM_TYPES, LIFE_EVENT_CODES } from '../../../common/catalog';
import type { ItemListQuery } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useCatalogFacets, usePublicItems } from './catalog.queries';
import { ItemCard } from './ItemCard';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['departmentId', 'unitId', 'zoneId', 'lifeEvent', 'type', 'audience', 'isOnline'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export default function ItemListPage() {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const facets = useCatalogFacets();
  const [showFilters, setShowFilters] = useState(false);
  usePageTitle(`${t('list.title')} · ${tc('app.name')}`);

  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);

  const lifeEvent = params.get('lifeEvent');
  const type = params.get('type');
  const audience = params.get('audience');
  const query: ItemListQuery = {
    q: q || undefined,
    departmentId: params.get('departmentId') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    zoneId: params.get('zoneId') ?? undefined,
    lifeEvent: lifeEvent && (LIFE_EVENT_CODES as readonly string[]).includes(lifeEvent) ? lifeEvent : undefined,
    type: type && (ITEM_TYPES as readonly string[]).includes(type) ? type : undefined,
    audience: audience === 'person' || audience === 'enterprise' ? audience : undefined,
    isOnline: params.get('isOnline') === 'true' ? 'true' : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const items = usePublicItems(query);

  const update = (changes: Partial<Record<FilterKey | 'q' | 'page', string | null>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const activeFilters = FILTER_KEYS.filter((k) => params.get(k)).length;

  const zoneOptions = useMemo(() => {
    const zones = facets.data?.zones ?? [];
    return zones
      .filter((z) => z.kind === 'hall')
      .map((hall) => ({
        label: hall.name,
        options: [
          { value: hall.id, label: t('list.wholeZone', { zone: hall.name }) },
          ...zones.filter((z) => z.parentId === hall.id).map((z) => ({ value: z.id, label: z.name })),
        ],
      }));
  }, [facets.data, t]);

  const filters = (
    <div className={`ow-filters${showFilters ? ' is-open' : ''}`} id="item-filters">
      <div className="ow-filter">
        <label htmlFor="filter-department">{t('list.filters.department')}</label>
        <Select
          id="filter-department"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('list.any')}
          value={params.get('departmentId') ?? undefined}
          onChange={(v: string | undefined) => update({ departmentId: v ?? null })}
          options={(facets.data?.departments ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.count}）` }))}
          loading={facets.isPending}
        />
      </div>
      <div className="ow-filter">
        <label htmlFor="filter-unit">{t('list.filters.unit')}</label>
        <Select
          id="filter-unit"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('list.any')}
          value={params.get('unitId') ?? undefined}
          onChange={(v: string | undefined) => update({ unitId: v ?? null })}
          options={(facets.data?.units ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.count}）` }))}
          loading={facets.isPending}
        />
      </div>
      <div className="ow-filter">
        <label htmlFor="filter-zone">{t('list.filters.zone')}</label>
        <Select
          id="filter-zone"
          allowClear
          placeholder={t('list.any')}
          value={params.get('zoneId') ?? undefined}
          onChange={(v: string | undefined) => update({ zoneId: v ?? null })}
          options={zoneOptions}
          loading={facets.isPending}
        />
      </div>
      <div className="ow-filter">
        <label htmlFor="filter-life-event">{t('list.filters.lifeEvent')}</label>
        <Select
          id="filter-life-event"
          allowClear
          placeholder={t('list.any')}
          value={query.lifeEvent as string | undefined}
          onChange={(v: string | undefined) => update({ lifeEvent: v ?? null })}
          options={(facets.data?.lifeEvents ?? []).map((e) => ({ value: e.code, label: `${labels.lifeEvent(e.code)}（${e.count}）` }))}
        />
      </div>
      <div className="ow-filter">
        <label htmlFor="filter-type">{t('list.filters.type')}</label>
        <Select
          id="filter-type"
          allowClear
          placeholder={t('list.any')}
          value={query.type as string | undefined}
          onChange={(v: string | undefined) => update({ type: v ?? null })}
          options={(facets.data?.types ?? []).map((x) => ({ value: x.type, label: `${labels.itemType(x.type)}（${x.count}）` }))}
        />
      </div>
      <div className="ow-filter">
        <label htmlFor="filter-audience">{t('list.filters.audience')}</label>
        <Select
          id="filter-audience"
          allowClear
          placeholder={t('list.any')}
          value={query.audience as string | undefined}
          onChange={(v: string | undefined) => update({ audience: v ?? null })}
          options={[
            { value: 'person', label: tc('audience.person') },
            { value: 'enterprise', label: tc('audience.enterprise') },
          ]}
        />
      </div>
      <div className="ow-filter ow-filter--check">
        <Checkbox checked={query.isOnline === 'true'} onChange={(e) => update({ isOnline: e.target.checked ? 'true' : null })}>
          {t('list.filters.onlineOnly')}
        </Checkbox>
        {activeFilters > 0 && (
          <Button type="link" onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}>
            {t('list.clearFilters')}
          </Button>
        )}
      </div>
    </div>
  );

  return (
    <div className="ow-container ow-page">
      <h1 className="ow-page__title">{t('list.title')}</h1>
      <div className="ow-list-search">
        <Input.Search
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || null })}
          placeholder={t('home.searchPlaceholder')}
          aria-label={t('home.searchLabel')}
          enterButton={t('home.searchButton')}
          allowClear
          maxLength={60}
        />
        <Badge count={activeFilters} size="small" className="ow-filter-toggle">
          <Button aria-expanded={showFilters} aria-controls="item-filters" onClick={() => setShowFilters((v) => !v)}>
            {t('list.filtersButton')}
          </Button>
        </Badge>
      </div>
      {filters}
      <div className="ow-list-summary" aria-live="polite">
        {items.data && t('list.total', { count: items.data.total })}
        {q && items.data && <span className="ow-muted">{t('list.forQuery', { q })}</span>}
      </div>
      {items.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {items.isError && <ErrorState error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && items.data.items.length === 0 && (
        <EmptyState description={t('list.empty')}>
          {(activeFilters > 0 || q) && (
            <Button onClick={() => setParams(new URLSearchParams())}>{t('list.clearAll')}</Button>
          )}
        </EmptyState>
      )}
      {items.data && items.data.items.length > 0 && (
        <>
          <ol className="ow-item-list" aria-label={t('list.resultsLabel')} style={{ opacity: items.isPlaceholderData ? 0.6 : 1 }}>
            {items.data.items.map((item) => (
              <li key={item.id}>
                <ItemCard item={item} />
              </li>
            ))}
          </ol>
          <Pagination
            className="ow-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={items.data.total}
            showSizeChanger={false}
            hideOnSinglePage
            onChange={(p) => {
              update({ page: p > 1 ? String(p) : null });
              window.scrollTo(0, 0);
            }}
          />
        </>
      )}
    </div>
  );
}
