/**
 * Reference data of a county installation: region, townships, zones, units, windows and the item catalogue.
 * Loaded once into an empty database (it is not demo data: a real county starts from its own files of the
 * same shape, see docs/catalog-data.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordEvent, type AuditContext } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/client';
import { itemBundles, itemMaterials, items } from '../../modules/catalog/catalog.tables';
import { pinyinKeys } from '../../modules/catalog';
import { orgUnits, regions, townships, windows, zones } from '../../modules/org/org.tables';
import { generateProcess, R10_FLOWS } from '../../modules/processes';
import { defaultTemplate } from '../../modules/certificates';
import { certificateTemplates } from '../../modules/certificates/certificates.tables';
import { processDefinitions } from '../../modules/processes/processes.tables';
import { BundlesSeed, ItemsSeed, OrgSeed, type BundleSeedData, type ItemSeedData, type OrgSeedData } from './seed-data.schema';

export const SEED_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'data');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(SEED_DATA_DIR, file), 'utf8'));
}

export function loadOrgSeed(): OrgSeedData {
  return OrgSeed.parse(readJson('org.json'));
}

export function loadBundleSeeds(): BundleSeedData[] {
  return BundlesSeed.parse(readJson('bundles.json'));
}

export function loadItemSeeds(): ItemSeedData[] {
  return [...ItemsSeed.parse(readJson('bureau-items.json')), ...ItemsSeed.parse(readJson('center-items.json'))];
}

/** Certificates whose name is not "<item name>证"; the rest follow the rule in deriveResultName. */
const RESULT_OVERRIDES: [RegExp, string][] = [
  [/^企业设立、变更、注销登记$/, '营业执照'],
  [/^个体工商户注册、变更、注销登记$/, '营业执照'],
  [/^农民专业合作社设立、变更、注销登记$/, '营业执照'],
  [/^结婚登记$/, '结婚证'],
  [/^复婚登记$/, '结婚证'],
  [/^离婚登记$/, '离婚证'],
  [/^收养登记$/, '收养登记证'],
  [/^解除收养登记$/, '解除收养关系证明'],
  [/股权出质(设立|变更|注销)登记$/, '股权出质登记通知书'],
];

/**
 * 办理结果 of an item, derived from its name where the data gives none: a licence (许可) yields the licence
 * certificate, a 核发 item the document it issues, other decisions a written decision (决定书).
 */
export function deriveResultName(name: string, type: string): string {
  for (const [pattern, result] of RESULT_OVERRIDES) if (pattern.test(name)) return result;
  const issued = /^(.*?(?:证|证书|意见书|执照|许可证))(?:核发|的核发|签发|换发|补发)/.exec(name);
  if (issued?.[1]) return issued[1];
  if (/许可$/.test(name)) return `${name}证`;
  if (type === '行政许可') return '准予行政许可决定书';
  if (type === '行政确认') return '确认决定书';
  return '';
}

export interface ReferenceCounts {
  townships: number;
  zones: number;
  units: number;
  windows: number;
  items: number;
  materials: number;
  processes: number;
}

/** Writes the reference data inside the caller's transaction. Fails (and rolls back) on any broken reference. */
export async function seedReferenceData(tx: Tx, audit: AuditContext, org = loadOrgSeed(), itemSeeds = loadItemSeeds()): Promise<ReferenceCounts> {
  const regionCode = org.region.code;
  await tx.insert(regions).values([
    { code: org.region.provinceCode, name: org.region.provinceName, level: 'province', parentCode: null },
    { code: org.region.cityCode, name: org.region.cityName, level: 'city', parentCode: org.region.provinceCode },
    { code: regionCode, name: org.region.name, level: 'county', parentCode: org.region.cityCode },
  ]).onConflictDoNothing();

  await tx.insert(townships).values(org.townships.map((t, i) => ({ ...t, regionCode, sort: i + 1 })));

  const zoneIds = new Map<string, string>();
  // Hall zones first, so that functional areas find their parent.
  const orderedZones = [...org.zones].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'hall' ? -1 : 1));
  for (const [i, z] of orderedZones.entries()) {
    const parentId = z.parentCode ? zoneIds.get(z.parentCode) : null;
    if (z.parentCode && !parentId) throw new Error(`zone ${z.code}: unknown parent ${z.parentCode}`);
    const [row] = await tx
      .insert(zones)
      .values({ regionCode, code: z.code, name: z.name, kind: z.kind, parentId, queuePrefix: z.queuePrefix ?? null, description: z.description, sort: i + 1 })
      .returning({ id: zones.id });
    zoneIds.set(z.code, row!.id);
  }

  const unitIds = new Map<string, string>();
  const insertUnit = async (values: typeof orgUnits.$inferInsert) => {
    if (unitIds.has(values.code)) throw new Error(`duplicate unit code ${values.code}`);
    const [row] = await tx.insert(orgUnits).values(values).returning({ id: orgUnits.id });
    unitIds.set(values.code, row!.id);
    return row!.id;
  };
  const bureauId = await insertUnit({ regionCode, kind: 'bureau', ...org.bureau, sort: 0 });
  for (const [i, s] of org.sections.entries()) await insertUnit({ regionCode, kind: 'section', ...s, parentId: bureauId, sort: i + 1 });
  for (const [i, c] of org.centres.entries()) await insertUnit({ regionCode, kind: 'centre', ...c, parentId: bureauId, sort: i + 1 });
  const committeeId = await insertUnit({ regionCode, kind: 'committee', ...org.committee, sort: 0 });
  for (const [i, d] of org.departments.entries()) {
    await insertUnit({ regionCode, kind: 'department', code: d.code, name: d.name, shortName: d.shortName, duties: d.duties, successorName: d.successorName ?? null, sort: i + 1 });
  }
  for (const [i, a] of org.agencies.entries()) {
    await insertUnit({ regionCode, kind: 'agency', code: a.code, name: a.name, shortName: a.shortName, duties: a.duties, sort: i + 1 });
  }
  for (const [i, u] of org.centerUnits.entries()) {
    const zoneId = zoneIds.get(u.zoneCode);
    if (!zoneId) throw new Error(`unit ${u.code}: unknown zone ${u.zoneCode}`);
    await insertUnit({
      regionCode,
      kind: 'center_unit',
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      duties: u.duties,
      parentId: committeeId,
      category: u.category,
      zoneId,
      chiefRepresentative: u.chiefRepresentative,
      chiefRepresentativePhone: u.chiefRepresentativePhone,
      authorization: u.authorization,
      sort: i + 1,
    });
  }

  for (const [i, w] of org.windows.entries()) {
    const zoneId = zoneIds.get(w.zoneCode);
    if (!zoneId) throw new Error(`window ${w.code}: unknown zone ${w.zoneCode}`);
    const unitId = w.unitCode ? unitIds.get(w.unitCode) : null;
    if (w.unitCode && !unitId) throw new Error(`window ${w.code}: unknown unit ${w.unitCode}`);
    await tx.insert(windows).values({ regionCode, code: w.code, name: w.name, zoneId, kind: w.kind, unitId: unitId ?? null, sort: i + 1 });
  }

  const flowOfItem = new Map(R10_FLOWS.flatMap((f) => f.itemCodes.map((code) => [code, f.key] as const)));
  const definitions: (typeof processDefinitions.$inferInsert)[] = R10_FLOWS.map((f) => ({
    regionCode,
    key: f.key,
    version: 1,
    name: f.name,
    nameEn: f.nameEn,
    body: f.body,
    note: '威县再造流程（R10）',
    createdBy: 'seed',
  }));
  const templates: (typeof certificateTemplates.$inferInsert)[] = [];
  let materialCount = 0;
  for (const item of itemSeeds) {
    const executingUnitId = unitIds.get(item.executingUnitCode);
    const originDepartmentId = item.originDepartmentCode ? unitIds.get(item.originDepartmentCode) : null;
    const zoneId = zoneIds.get(item.zoneCode);
    if (!executingUnitId) throw new Error(`item ${item.code}: unknown unit ${item.executingUnitCode}`);
    if (item.originDepartmentCode && !originDepartmentId) throw new Error(`item ${item.code}: unknown department ${item.originDepartmentCode}`);
    if (!zoneId) throw new Error(`item ${item.code}: unknown zone ${item.zoneCode}`);
    const keys = pinyinKeys(item.name);
    const resultName = deriveResultName(item.name, item.type);
    const processKey = flowOfItem.get(item.code) ?? null;
    if (!processKey) {
      definitions.push({
        regionCode,
        key: `item:${item.code}`,
        version: 1,
        name: item.name,
        nameEn: `Process of ${item.code}`,
        body: generateProcess({ ...item, resultName }),
        note: '按办件类型和承诺时限生成',
        createdBy: 'seed',
      });
    }
    const [row] = await tx
      .insert(items)
      .values({
        regionCode,
        code: item.code,
        name: item.name,
        type: item.type,
        scope: item.scope,
        originDepartmentId: originDepartmentId ?? null,
        executingUnitId,
        zoneId,
        legalBasis: item.legalBasis,
        legalLimitValue: item.legalLimitValue,
        legalLimitUnit: item.legalLimitUnit,
        legalLimitNote: item.legalLimitNote,
        promisedLimitDays: item.promisedLimitDays,
        processingClass: item.processingClass,
        resultName,
        processKey,
        conditions: item.conditions,
        fees: item.fees,
        maxVisits: item.maxVisits,
        isOnline: item.isOnline,
        audience: item.audience,
        lifeEvents: item.lifeEvents,
        pinyinInitials: keys.initials,
        pinyin: keys.full,
        source: item.source,
      })
      .returning({ id: items.id });
    await tx.insert(itemMaterials).values(item.materials.map((m, i) => ({ ...m, itemId: row!.id, sort: i + 1 })));
    templates.push({ regionCode, itemId: row!.id, ...defaultTemplate({ ...item, resultName }) });
    materialCount += item.materials.length;
  }

  for (let i = 0; i < definitions.length; i += 100) await tx.insert(processDefinitions).values(definitions.slice(i, i + 100));
  for (let i = 0; i < templates.length; i += 100) await tx.insert(certificateTemplates).values(templates.slice(i, i + 100));

  const codes = new Set(itemSeeds.map((i) => i.code));
  const bundles = loadBundleSeeds();
  for (const [i, b] of bundles.entries()) {
    for (const code of b.itemCodes) if (!codes.has(code)) throw new Error(`bundle ${b.code}: unknown item ${code}`);
    await tx.insert(itemBundles).values({ regionCode, ...b, sort: i + 1 });
  }

  const counts: ReferenceCounts = {
    townships: org.townships.length,
    zones: org.zones.length,
    units: unitIds.size,
    windows: org.windows.length,
    items: itemSeeds.length,
    materials: materialCount,
    processes: definitions.length,
  };
  await recordEvent(tx, audit, { action: 'seed.reference', subjectType: 'region', subjectId: regionCode, after: counts });
  return counts;
}
