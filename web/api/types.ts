/**
 * Response and request types of the API, derived from the server's zod schemas (the contract). Only types
 * are imported: nothing of the server reaches the browser bundle.
 */
import type { z } from 'zod';
import type {
  CatalogExport as CatalogExportSchema,
  CatalogFacets as CatalogFacetsSchema,
  CatalogStats as CatalogStatsSchema,
  ImportBody as ImportBodySchema,
  ImportReport as ImportReportSchema,
  ItemDetail as ItemDetailSchema,
  ItemInput as ItemInputSchema,
  ItemListQuery as ItemListQuerySchema,
  ItemSummary as ItemSummarySchema,
  MaterialView as MaterialViewSchema,
  UpdateItemBody as UpdateItemBodySchema,
} from '../../server/modules/catalog/catalog.schemas';
import type {
  CreateWindowBody as CreateWindowBodySchema,
  OrgOverview as OrgOverviewSchema,
  TownshipView as TownshipViewSchema,
  UnitView as UnitViewSchema,
  UpdateTownshipBody as UpdateTownshipBodySchema,
  UpdateUnitBody as UpdateUnitBodySchema,
  UpdateWindowBody as UpdateWindowBodySchema,
  WindowView as WindowViewSchema,
  ZoneView as ZoneViewSchema,
} from '../../server/modules/org/org.schemas';
import type {
  AccountListQuery as AccountListQuerySchema,
  AccountView as AccountViewSchema,
  ChangePasswordBody as ChangePasswordBodySchema,
  CreateStaffBody as CreateStaffBodySchema,
  LoginBody as LoginBodySchema,
  MeResponse as MeResponseSchema,
  ResetPasswordBody as ResetPasswordBodySchema,
  UpdateAccountBody as UpdateAccountBodySchema,
} from '../../server/modules/identity/identity.schemas';
import type {
  AuditEventView as AuditEventViewSchema,
  AuditListQuery as AuditListQuerySchema,
  VerifyResponse as VerifyResponseSchema,
} from '../../server/modules/audit/audit.schemas';
import type { Role } from '../../common/roles';

/** A page of a list endpoint (pageOf() on the server). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

// 事项目录 Catalogue
export type ItemSummary = z.infer<typeof ItemSummarySchema>;
export type ItemDetail = z.infer<typeof ItemDetailSchema>;
export type MaterialView = z.infer<typeof MaterialViewSchema>;
export type CatalogStats = z.infer<typeof CatalogStatsSchema>;
export type CatalogFacets = z.infer<typeof CatalogFacetsSchema>;
/** Query parameters as they travel (strings in the URL; the server coerces them). */
export type ItemListQuery = Partial<Record<keyof z.input<typeof ItemListQuerySchema>, string | number>>;
/** Body of POST /api/catalog/items. */
export type ItemInput = z.input<typeof ItemInputSchema>;
/** Body of PUT /api/catalog/items/:id. */
export type UpdateItemBody = z.input<typeof UpdateItemBodySchema>;
export type CatalogExport = z.infer<typeof CatalogExportSchema>;
export type ImportBody = z.input<typeof ImportBodySchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;

// 组织机构 Organisation
export type OrgOverview = z.infer<typeof OrgOverviewSchema>;
export type UnitView = z.infer<typeof UnitViewSchema>;
export type ZoneView = z.infer<typeof ZoneViewSchema>;
export type WindowView = z.infer<typeof WindowViewSchema>;
export type TownshipView = z.infer<typeof TownshipViewSchema>;
export type UpdateUnitBody = z.input<typeof UpdateUnitBodySchema>;
export type CreateWindowBody = z.input<typeof CreateWindowBodySchema>;
export type UpdateWindowBody = z.input<typeof UpdateWindowBodySchema>;
export type UpdateTownshipBody = z.input<typeof UpdateTownshipBodySchema>;

// 身份与权限 Identity
export type LoginBody = z.input<typeof LoginBodySchema>;
export type MeResponse = z.infer<typeof MeResponseSchema>;
export type AccountView = z.infer<typeof AccountViewSchema>;
export type Permission = MeResponse['abilities'][number];
export type AccountListQuery = Partial<Record<keyof z.input<typeof AccountListQuerySchema>, string | number>>;
export type CreateStaffBody = z.input<typeof CreateStaffBodySchema>;
export type UpdateAccountBody = z.input<typeof UpdateAccountBodySchema>;
export type ResetPasswordBody = z.input<typeof ResetPasswordBodySchema>;
export type ChangePasswordBody = z.input<typeof ChangePasswordBodySchema>;

// 审计日志 Audit
export type AuditEvent = z.infer<typeof AuditEventViewSchema>;
export type AuditListQuery = Partial<Record<keyof z.input<typeof AuditListQuerySchema>, string | number>>;
export type AuditVerification = z.infer<typeof VerifyResponseSchema>;

/**
 * GET /api/public/site. The server declares this schema (SiteResponse) in modules/system/index.ts without
 * exporting it, so it is restated here; keep the two in step.
 */
export interface Site {
  regionCode: string;
  regionName: string;
  demo: boolean;
  demoAccounts: { username: string; role: Role }[];
}
