/**
 * The default certificate template of an item, from its result (办理结果): a licence (…许可证/…证) is valid for
 * a number of years and names its holder, content, place and supervising department; a decision (决定书, 批复)
 * has no end date. Administrators refine templates afterwards.
 */
import type { TemplateField } from './certificates.tables';
import { typeCodeOf } from './certificates.number';

export interface ItemForTemplate {
  code: string;
  name: string;
  type: string;
  resultName: string;
}

/** Statutory or customary validity in years of some licences; others default to five when they are a 证. */
const VALIDITY_BY_ITEM: Record<string, number | null> = {
  'WX-XK-099': 5, // 食品经营许可证：有效期5年（食品经营许可和备案管理办法）
  'WX-XK-100': 5, // 食品生产许可证：5年
  'WX-XK-103': 5, // 药品经营许可证：5年（药品管理法实施条例）
  'WX-XK-088': 4, // 公共场所卫生许可证：4年
  'WX-XK-096': null, // 营业执照：长期（营业期限另记）
  'WX-XK-097': null,
  'WX-XK-098': null,
};

export function defaultTemplate(item: ItemForTemplate): { typeCode: string; title: string; titleEn: string; fields: TemplateField[]; validityYears: number | null } {
  const title = item.resultName || `${item.name}决定书`;
  const isLicence = /证$|执照$/.test(title);
  const validityYears = item.code in VALIDITY_BY_ITEM ? VALIDITY_BY_ITEM[item.code]! : isLicence && item.type === '行政许可' ? 5 : null;
  const isRegistration = /执照$/.test(title);
  const fields: TemplateField[] = isRegistration
    ? [
        { key: 'name', label: '名称', labelEn: 'Name', source: 'holder.name' },
        { key: 'code', label: '统一社会信用代码', labelEn: 'Unified social credit code', source: 'holder.idNumber' },
        { key: 'representative', label: '法定代表人（经营者）', labelEn: 'Legal representative', source: 'holder.legalRepresentative' },
        { key: 'entityType', label: '类型', labelEn: 'Type', source: 'form.entityType' },
        { key: 'capital', label: '注册资本', labelEn: 'Registered capital', source: 'form.capital' },
        { key: 'established', label: '成立日期', labelEn: 'Established', source: 'form.established' },
        { key: 'address', label: '住所', labelEn: 'Domicile', source: 'case.address' },
        { key: 'scope', label: '经营范围', labelEn: 'Business scope', source: 'form.scope' },
        { key: 'registrar', label: '登记机关', labelEn: 'Registration authority', source: 'fixed:威县行政审批局' },
      ]
    : [
        { key: 'holder', label: '持证主体', labelEn: 'Holder', source: 'holder.name' },
        { key: 'holderId', label: '证件号码', labelEn: 'ID or credit code', source: 'holder.idNumber' },
        { key: 'item', label: item.type === '行政许可' ? '许可事项' : '办理事项', labelEn: 'Item', source: 'item.name' },
        { key: 'content', label: item.type === '行政许可' ? '许可内容' : '内容', labelEn: 'Content', source: 'case.summary' },
        { key: 'address', label: '地址', labelEn: 'Address', source: 'case.address' },
        ...(validityYears ? [{ key: 'validUntil', label: '有效期至', labelEn: 'Valid until', source: 'validUntil' as const }] : []),
        { key: 'regulator', label: '日常监督管理机构', labelEn: 'Supervising department', source: 'regulator' },
        { key: 'caseNumber', label: '办件编号', labelEn: 'Case number', source: 'case.number' },
      ];
  return { typeCode: typeCodeOf(item.code), title, titleEn: `Certificate of ${item.code}`, fields, validityYears };
}
