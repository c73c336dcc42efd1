import { z } from 'zod';
import { AUDIENCES, ITEM_TYPES, LIFE_EVENT_CODES, LIMIT_UNITS, MATERIAL_FORMS, PROCESSING_CLASSES } from '../../../common/catalog';
import { nonBlank, Pagination } from '../../platform/http/schemas';

const LegalLimit = z.object({
  value: z.number().int().nullable(),
  unit: z.enum(LIMIT_UNITS).nullable(),
  note: z.string(),
});

export const FeeView = z.object({ name: z.string(), amount: z.string(), basis: z.string() });

export const MaterialView = z
  .object({
    id: z.uuid(),
    sort: z.number().int(),
    name: z.string(),
    form: z.enum(MATERIAL_FORMS),
    copies: z.number().int(),
    requirement: z.enum(['required', 'conditional']),
    condition: z.string(),
    sourceNote: z.string(),
    templateFileSha256: z.string().nullable(),
    templateFileName: z.string().nullable(),
    reusableCertificate: z.string().nullable(),
    notes: z.string(),
  })
  .meta({ id: 'Material' });

const Ref = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const ItemSummary = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(ITEM_TYPES),
    scope: z.enum(['bureau', 'center']),
    originDepartment: Ref.nullable(),
    executingUnit: Ref,
    zone: Ref.nullable(),
    processingClass: z.enum(PROCESSING_CLASSES),
    legalLimit: LegalLimit,
    promisedLimitDays: z.number().int().nullable(),
    maxVisits: z.number().int(),
    isOnline: z.boolean(),
    isFree: z.boolean(),
    audience: z.enum(AUDIENCES),
    lifeEvents: z.array(z.enum(LIFE_EVENT_CODES)),
    materialCount: z.number().int(),
    status: z.enum(['active', 'suspended']),
  })
  .meta({ id: 'ItemSummary' });

export const FlowStep = z.object({ name: z.string(), nameEn: z.string(), description: z.string() });

export const ItemDetail = ItemSummary.extend({
  legalBasis: z.string(),
  conditions: z.string(),
  resultName: z.string().describe('办理结果: the certificate or decision the applicant receives'),
  fees: z.array(FeeView),
  materials: z.array(MaterialView),
  /** The standard steps of the item by its processing class (the process definition refines them). */
  flow: z.array(FlowStep),
  originDepartmentSuccessor: z.string().nullable(),
  source: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
}).meta({ id: 'ItemDetail' });

export const ItemListQuery = Pagination.extend({
  q: z.string().trim().max(60).optional().describe('Name, code or pinyin initials (e.g. spjy for 食品经营)'),
  scope: z.enum(['bureau', 'center']).optional(),
  type: z.enum(ITEM_TYPES).optional(),
  departmentId: z.uuid().optional().describe('Origin department'),
  unitId: z.uuid().optional().describe('Executing section or centre unit'),
  zoneId: z.uuid().optional().describe('Functional area or hall zone (a hall zone includes its functional areas)'),
  lifeEvent: z.enum(LIFE_EVENT_CODES).optional(),
  audience: z.enum(['person', 'enterprise']).optional(),
  processingClass: z.enum(PROCESSING_CLASSES).optional(),
  isOnline: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  status: z.enum(['active', 'suspended']).optional(),
});

export const CatalogStats = z
  .object({
    departments: z.number().int().describe('Origin departments whose powers moved to the bureau'),
    licensingItems: z.number().int().describe('行政许可 items of the bureau'),
    confirmationItems: z.number().int().describe('行政确认 items of the bureau'),
    sections: z.number().int().describe('Internal sections of the bureau'),
    centerUnits: z.number().int().describe('Units stationed in the citizen service centre'),
    serviceItems: z.number().int().describe('Service items of those units'),
    zones: z.number().int().describe('Zones of the service centre'),
    townships: z.number().int().describe('Townships with a convenience service centre'),
  })
  .meta({ id: 'CatalogStats' });

export const CatalogFacets = z
  .object({
    departments: z.array(Ref.extend({ count: z.number().int() })),
    units: z.array(Ref.extend({ kind: z.string(), count: z.number().int() })),
    zones: z.array(Ref.extend({ kind: z.string(), parentId: z.uuid().nullable(), count: z.number().int() })),
    lifeEvents: z.array(z.object({ code: z.enum(LIFE_EVENT_CODES), count: z.number().int() })),
    types: z.array(z.object({ type: z.enum(ITEM_TYPES), count: z.number().int() })),
  })
  .meta({ id: 'CatalogFacets' });

const MaterialInput = z.object({
  id: z.uuid().optional().describe('Keep the identity (and template file) of an existing material'),
  name: nonBlank(120),
  form: z.enum(MATERIAL_FORMS),
  copies: z.number().int().min(0).max(20),
  requirement: z.enum(['required', 'conditional']),
  condition: z.string().trim().max(300).default(''),
  sourceNote: z.string().trim().max(100).default(''),
  reusableCertificate: z.string().trim().max(60).nullable().default(null),
  notes: z.string().trim().max(300).default(''),
});

const FeeInput = z.object({ name: nonBlank(60), amount: nonBlank(60), basis: nonBlank(200) });

/** An item as staff edit it: references by id. */
export const ItemInput = z.object({
  code: z.string().trim().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/).describe('e.g. WX-XK-001'),
  name: nonBlank(120),
  type: z.enum(ITEM_TYPES),
  scope: z.enum(['bureau', 'center']),
  originDepartmentId: z.uuid().nullable(),
  executingUnitId: z.uuid(),
  zoneId: z.uuid().nullable(),
  legalBasis: z.string().trim().max(600),
  legalLimitValue: z.number().int().min(0).max(400).nullable(),
  legalLimitUnit: z.enum(LIMIT_UNITS).nullable(),
  legalLimitNote: z.string().trim().max(100).default(''),
  promisedLimitDays: z.number().int().min(0).max(400).nullable(),
  processingClass: z.enum(PROCESSING_CLASSES),
  conditions: z.string().trim().max(800).default(''),
  resultName: z.string().trim().max(60).default(''),
  fees: z.array(FeeInput).max(20).default([]),
  maxVisits: z.number().int().min(0).max(5),
  isOnline: z.boolean(),
  audience: z.enum(AUDIENCES),
  lifeEvents: z.array(z.enum(LIFE_EVENT_CODES)).min(1).max(10),
  status: z.enum(['active', 'suspended']).default('active'),
  materials: z.array(MaterialInput).min(1).max(40),
});

export const UpdateItemBody = ItemInput.omit({ code: true }).extend({
  version: z.number().int().min(1).describe('The version you read; a stale one gets 409'),
});

/** An item in the exchange format: references by code, so that catalogues move between installations. */
export const ExchangeItem = z.object({
  code: z.string().trim().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/),
  name: nonBlank(120),
  type: z.enum(ITEM_TYPES),
  scope: z.enum(['bureau', 'center']),
  originDepartmentCode: z.string().nullable(),
  executingUnitCode: z.string(),
  zoneCode: z.string().nullable(),
  legalBasis: z.string().max(600),
  legalLimitValue: z.number().int().min(0).max(400).nullable(),
  legalLimitUnit: z.enum(LIMIT_UNITS).nullable(),
  legalLimitNote: z.string().max(100).default(''),
  promisedLimitDays: z.number().int().min(0).max(400).nullable(),
  processingClass: z.enum(PROCESSING_CLASSES),
  conditions: z.string().max(800).default(''),
  resultName: z.string().max(60).default(''),
  fees: z.array(FeeInput).max(20).default([]),
  maxVisits: z.number().int().min(0).max(5),
  isOnline: z.boolean(),
  audience: z.enum(AUDIENCES),
  lifeEvents: z.array(z.enum(LIFE_EVENT_CODES)).min(1).max(10),
  status: z.enum(['active', 'suspended']).default('active'),
  source: z.string().max(100).default(''),
  materials: z
    .array(
      MaterialInput.omit({ id: true }).extend({
        templateFileSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
        templateFileName: z.string().max(200).nullable().default(null),
      }),
    )
    .min(1)
    .max(40),
});

export const CatalogExport = z
  .object({
    format: z.literal('onewindow.catalog'),
    formatVersion: z.literal(1),
    regionCode: z.string(),
    exportedAt: z.string(),
    items: z.array(ExchangeItem),
  })
  .meta({ id: 'CatalogExport' });

export const ImportBody = CatalogExport.extend({
  items: z.array(ExchangeItem).min(1).max(5000),
  dryRun: z.boolean().default(false).describe('Check and report without saving'),
});

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .meta({ id: 'CatalogImportReport' });

export const ItemCodeParams = z.object({ code: z.string().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/) });
export const MaterialParams = z.object({ id: z.uuid(), materialId: z.uuid() });
export const FileParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const BundleView = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string(),
    audience: z.enum(AUDIENCES),
    lifeEvents: z.array(z.enum(LIFE_EVENT_CODES)),
    items: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), promisedLimitDays: z.number().int().nullable(), processingClass: z.enum(PROCESSING_CLASSES) })),
    /** The longest promised limit of the items: they run in parallel. */
    promisedLimitDays: z.number().int(),
  })
  .meta({ id: 'Bundle' });
