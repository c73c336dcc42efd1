/**
 * Shape of the reference data files in server/db/seed/data/. The seed parses every file with these schemas
 * before it writes anything, so a malformed row stops the seed with the row named.
 */
import { z } from 'zod';
import { AUDIENCES, ITEM_TYPES, LIFE_EVENT_CODES, LIMIT_UNITS, MATERIAL_FORMS, PROCESSING_CLASSES } from '../../../common/catalog';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/);

export const RegionSeed = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: text(40),
  cityCode: z.string().regex(/^\d{6}$/),
  cityName: text(40),
  provinceCode: z.string().regex(/^\d{6}$/),
  provinceName: text(40),
});

export const TownshipSeed = z.object({
  code: z.string().regex(/^\d{9}$/),
  name: text(20),
  kind: z.enum(['镇', '乡']),
  centreName: text(60),
  centreAddress: text(120),
  centrePhone: z.string().regex(/^0319-\d{7,8}$/),
});

export const ZoneSeed = z.object({
  code,
  name: text(30),
  kind: z.enum(['hall', 'functional']),
  parentCode: code.optional(),
  queuePrefix: z.string().regex(/^[A-Z]$/).optional(),
  description: z.string().max(400),
});

export const UnitSeed = z.object({
  code,
  name: text(80),
  shortName: z.string().max(30).default(''),
  duties: z.string().max(1000).default(''),
});

export const DepartmentSeed = UnitSeed.extend({
  /** The department that holds these duties today, when renamed or merged since the 2014 transfer. */
  successorName: z.string().max(80).optional(),
});

export const CenterUnitSeed = UnitSeed.extend({
  category: z.enum(['government', 'utility', 'finance']),
  zoneCode: code,
  chiefRepresentative: text(20),
  chiefRepresentativePhone: z.string().regex(/^(1[3-9]\d{9}|0319-\d{7,8})$/),
  authorization: text(600),
});

export const WindowSeed = z.object({
  code: z.string().regex(/^[A-Z]\d{2}$/),
  name: text(40),
  zoneCode: code,
  kind: z.enum(['comprehensive', 'dedicated']),
  unitCode: code.optional(),
});

export const OrgSeed = z.object({
  region: RegionSeed,
  townships: z.array(TownshipSeed).length(16),
  zones: z.array(ZoneSeed),
  bureau: UnitSeed,
  sections: z.array(UnitSeed).length(8),
  centres: z.array(UnitSeed).length(2),
  committee: UnitSeed,
  departments: z.array(DepartmentSeed).length(26),
  centerUnits: z.array(CenterUnitSeed).length(34),
  /** 共享部门: departments that receive shared records (统计局 the business register, R4) but approve nothing here. */
  agencies: z.array(DepartmentSeed).default([]),
  windows: z.array(WindowSeed).min(1),
});

export const MaterialSeed = z.object({
  name: text(120),
  form: z.enum(MATERIAL_FORMS),
  copies: z.number().int().min(0).max(20),
  requirement: z.enum(['required', 'conditional']),
  condition: z.string().max(300).default(''),
  sourceNote: z.string().max(100).default(''),
  /** Name of a certificate this material may be replaced by (证照复用), e.g. "营业执照". */
  reusableCertificate: z.string().max(60).nullable().default(null),
  notes: z.string().max(300).default(''),
});

export const FeeSeed = z.object({ name: text(60), amount: text(60), basis: text(200) });

export const ItemSeed = z
  .object({
    code: z.string().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/),
    name: text(120),
    type: z.enum(ITEM_TYPES),
    scope: z.enum(['bureau', 'center']),
    originDepartmentCode: code.nullable(),
    executingUnitCode: code,
    zoneCode: code,
    legalBasis: z.string().max(600),
    legalLimitValue: z.number().int().min(0).max(400).nullable(),
    legalLimitUnit: z.enum(LIMIT_UNITS).nullable(),
    legalLimitNote: z.string().max(100).default(''),
    promisedLimitDays: z.number().int().min(0).max(400).nullable(),
    processingClass: z.enum(PROCESSING_CLASSES),
    conditions: z.string().max(800).default(''),
    fees: z.array(FeeSeed).default([]),
    maxVisits: z.number().int().min(0).max(5),
    isOnline: z.boolean(),
    audience: z.enum(AUDIENCES),
    lifeEvents: z.array(z.enum(LIFE_EVENT_CODES)).min(1),
    source: z.string().max(100),
    materials: z.array(MaterialSeed).min(1),
  })
  .refine((i) => (i.legalLimitValue === null) === (i.legalLimitUnit === null), { message: 'legal limit value and unit go together' })
  .refine((i) => i.processingClass !== '即办件' || i.promisedLimitDays === 0, { message: '即办件 has a promised limit of 0' });

export const ItemsSeed = z.array(ItemSeed);

export type OrgSeedData = z.infer<typeof OrgSeed>;
export type ItemSeedData = z.infer<typeof ItemSeed>;

export const BundleSeed = z.object({
  code: z.string().regex(/^[A-Z]{3}-\d{3}$/),
  name: text(60),
  description: z.string().max(400),
  itemCodes: z.array(z.string().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/)).min(2).max(12),
  audience: z.enum(AUDIENCES),
  lifeEvents: z.array(z.enum(LIFE_EVENT_CODES)).min(1),
});
export const BundlesSeed = z.array(BundleSeed);
export type BundleSeedData = z.infer<typeof BundleSeed>;
