/**
 * 机构与窗口: the bureau and its sections, the two centres, the 26 departments whose powers moved in, the 34
 * units stationed in the citizen service centre by category, the zones with their windows, and the 16
 * township convenience service centres.
 */
import { useEffect } from 'react';
import { Link } from 'react-router';
import { Card, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgOverview, UnitView } from '../../api/types';
import { ErrorState } from '../../components/States';
import { usePublicOrg } from './org.queries';

const CATEGORIES = ['government', 'utility', 'finance'] as const;

function SectionTitle({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id} className="ow-section__title">
      {children}
    </h2>
  );
}

function UnitBlock({ unit, showItems = true }: { unit: UnitView; showItems?: boolean }) {
  const { t } = useTranslation('portal');
  return (
    <li className="ow-unit">
      <div className="ow-unit__name">
        {unit.name}
        {showItems && unit.itemCount > 0 && (
          <Link to={`/items?unitId=${unit.id}`} className="ow-unit__count">
            {t('org.itemCount', { count: unit.itemCount })}
          </Link>
        )}
      </div>
      {unit.duties && <p className="ow-small ow-muted">{unit.duties}</p>}
    </li>
  );
}

function Overview({ org }: { org: OrgOverview }) {
  const { t } = useTranslation('portal');
  const zoneName = (id: string | null) => org.zones.find((z) => z.id === id)?.name ?? '—';
  const halls = org.zones.filter((z) => z.kind === 'hall');
  const nav = [
    ['org-bureau', t('org.nav.bureau')],
    ['org-departments', t('org.nav.departments')],
    ['org-center', t('org.nav.center')],
    ['org-zones', t('org.nav.zones')],
    ['org-townships', t('org.nav.townships')],
  ] as const;

  return (
    <>
      <nav className="ow-chips" aria-label={t('org.nav.label')}>
        {nav.map(([id, label]) => (
          <a key={id} href={`#${id}`} className="ow-chip">
            {label}
          </a>
        ))}
      </nav>

      <section className="ow-section" aria-labelledby="org-bureau">
        <SectionTitle id="org-bureau">{org.bureau?.name ?? t('org.bureauFallback')}</SectionTitle>
        {org.bureau?.duties && <p>{org.bureau.duties}</p>}
        <div className="ow-two-col">
          <Card size="small" title={<h3 className="ow-card-title">{t('org.sections', { count: org.sections.length })}</h3>}>
            <ul className="ow-unit-list">
              {org.sections.map((s) => (
                <UnitBlock key={s.id} unit={s} />
              ))}
            </ul>
          </Card>
          <Card size="small" title={<h3 className="ow-card-title">{t('org.centres', { count: org.centres.length })}</h3>}>
            <ul className="ow-unit-list">
              {org.centres.map((c) => (
                <UnitBlock key={c.id} unit={c} />
              ))}
              {org.committee && <UnitBlock unit={org.committee} showItems={false} />}
            </ul>
          </Card>
        </div>
      </section>

      <section className="ow-section" aria-labelledby="org-departments">
        <SectionTitle id="org-departments">{t('org.departments', { count: org.departments.length })}</SectionTitle>
        <p className="ow-section__hint">{t('org.departmentsHint')}</p>
        <ul className="ow-dept-grid">
          {org.departments.map((d) => (
            <li key={d.id} className="ow-dept">
              <Link to={`/items?departmentId=${d.id}`} className="ow-dept__name">
                {d.name}
              </Link>
              {d.successorName && <div className="ow-small ow-muted">{t('org.successor', { name: d.successorName })}</div>}
              <div className="ow-small">{t('org.transferredItems', { count: d.itemCount })}</div>
            </li>
          ))}
        </ul>
      </section>

      <section className="ow-section" aria-labelledby="org-center">
        <SectionTitle id="org-center">{t('org.centerUnits', { count: org.centerUnits.length })}</SectionTitle>
        {CATEGORIES.map((category) => {
          const units = org.centerUnits.filter((u) => u.category === category);
          if (units.length === 0) return null;
          return (
            <div key={category} className="ow-subsection">
              <h3 className="ow-subsection__title">
                {t(`org.category.${category}`)} <span className="ow-muted">（{units.length}）</span>
              </h3>
              <ul className="ow-center-grid">
                {units.map((u) => (
                  <li key={u.id} className="ow-center-unit">
                    <div className="ow-center-unit__name">{u.name}</div>
                    <dl className="ow-inline-facts">
                      <div>
                        <dt>{t('org.zone')}</dt>
                        <dd>{zoneName(u.zoneId)}</dd>
                      </div>
                      <div>
                        <dt>{t('org.chief')}</dt>
                        <dd>
                          {u.chiefRepresentative ?? '—'}
                          {u.chiefRepresentativePhone && <span className="ow-muted"> {u.chiefRepresentativePhone}</span>}
                        </dd>
                      </div>
                      {u.itemCount > 0 && (
                        <div>
                          <dt>{t('org.services')}</dt>
                          <dd>
                            <Link to={`/items?unitId=${u.id}`}>{t('org.itemCount', { count: u.itemCount })}</Link>
                          </dd>
                        </div>
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      <section className="ow-section" aria-labelledby="org-zones">
        <SectionTitle id="org-zones">{t('org.zones', { count: halls.length })}</SectionTitle>
        <div className="ow-zone-grid">
          {halls.map((hall) => {
            const areas = org.zones.filter((z) => z.parentId === hall.id);
            const areaIds = new Set([hall.id, ...areas.map((a) => a.id)]);
            const windows = org.windows.filter((w) => areaIds.has(w.zoneId));
            return (
              <Card
                key={hall.id}
                size="small"
                title={<h3 className="ow-card-title">{hall.name}</h3>}
                extra={hall.queuePrefix ? <Tag>{t('org.queuePrefix', { prefix: hall.queuePrefix })}</Tag> : undefined}
              >
                {hall.description && <p className="ow-small">{hall.description}</p>}
                {areas.length > 0 && (
                  <>
                    <h4 className="ow-mini-title">{t('org.functionalAreas')}</h4>
                    <ul className="ow-plain-list">
                      {areas.map((a) => (
                        <li key={a.id}>
                          <strong>{a.name}</strong>
                          {a.description && <span className="ow-muted ow-small"> — {a.description}</span>}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <h4 className="ow-mini-title">{t('org.windows', { count: windows.length })}</h4>
                {windows.length === 0 ? (
                  <p className="ow-muted ow-small">{t('org.noWindows')}</p>
                ) : (
                  <ul className="ow-window-list">
                    {windows.map((w) => (
                      <li key={w.id}>
                        <span className="ow-window-code">{w.code}</span>
                        <span>{w.name}</span>
                        <Tag color={w.kind === 'comprehensive' ? 'blue' : 'default'}>{t(`org.windowKind.${w.kind}`)}</Tag>
                        {w.unitName && <span className="ow-muted ow-small">{w.unitName}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            );
          })}
        </div>
      </section>

      <section className="ow-section" aria-labelledby="org-townships">
        <SectionTitle id="org-townships">{t('org.townships', { count: org.townships.length })}</SectionTitle>
        <ul className="ow-township-grid">
          {org.townships.map((tw) => (
            <li key={tw.code} className="ow-township">
              <div className="ow-township__name">
                {tw.name}
                <Tag className="ow-township__kind">{tw.kind}</Tag>
              </div>
              <div className="ow-small">{tw.centreName}</div>
              <div className="ow-small ow-muted">
                {t('org.address')}
                {tw.centreAddress}
              </div>
              <div className="ow-small">
                {t('org.phone')}
                <a href={`tel:${tw.centrePhone}`}>{tw.centrePhone}</a>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export default function OrgPage() {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const org = usePublicOrg();
  useEffect(() => {
    document.title = `${t('org.title')} · ${tc('app.name')}`;
  }, [t, tc]);
  return (
    <div className="ow-container ow-page">
      <h1 className="ow-page__title">{t('org.title')}</h1>
      <p className="ow-page__lead">{t('org.lead', { region: org.data?.region.name ?? '' })}</p>
      {org.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
      {org.isError && <ErrorState error={org.error} onRetry={() => void org.refetch()} />}
      {org.data && <Overview org={org.data} />}
    </div>
  );
}
