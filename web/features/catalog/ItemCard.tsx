/** One item in a list of the guide: name, code, type, department → executing unit, limits and tags. */
import { Link } from 'react-router';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemSummary } from '../../api/types';
import { useLabels } from '../../i18n/labels';
import { maxVisitsText, promisedLimitText } from './format';

export function ItemCard({ item }: { item: ItemSummary }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const instant = item.processingClass === '即办件';
  return (
    <article className="ow-item-card" aria-labelledby={`item-${item.code}`}>
      <div className="ow-item-card__head">
        <Link to={`/items/${item.code}`} id={`item-${item.code}`} className="ow-item-card__name">
          {item.name}
        </Link>
        <Tag color={item.type === '行政许可' ? 'blue' : item.type === '行政确认' ? 'cyan' : 'default'}>{labels.itemType(item.type)}</Tag>
      </div>
      <div className="ow-item-card__meta">
        <span className="ow-item-card__code">{item.code}</span>
        <span className="ow-item-card__org">
          {item.originDepartment ? (
            <>
              {item.originDepartment.name}
              <span aria-label={t('item.transferredTo')} className="ow-arrow">
                {' → '}
              </span>
            </>
          ) : null}
          {item.executingUnit.name}
        </span>
      </div>
      <div className="ow-item-card__tags">
        <Tag color={instant ? 'green' : 'gold'}>{promisedLimitText(t, item)}</Tag>
        <Tag color="purple">{maxVisitsText(t, item.maxVisits)}</Tag>
        {item.isOnline && <Tag color="processing">{t('tag.online')}</Tag>}
        {item.isFree && <Tag color="success">{t('tag.free')}</Tag>}
      </div>
    </article>
  );
}
