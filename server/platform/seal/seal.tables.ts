import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The bureau's electronic approval seal (审批专用章, R2): its signing keys and every use of it. Platform tables,
 * free of modules: a document is named by kind and reference only.
 */

/**
 * Signing keys of the seal, one region (county) each. The key and its X.509 certificate are kept as PKCS#12
 * in the database — not in a data folder — because several server processes share one PostgreSQL. A new key
 * (generated, or imported by an administrator) retires the old one; rows are never deleted, so a signature
 * made years ago can still be traced to its certificate.
 */
export const sealKeys = pgTable(
  'seal_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    /** 'active' (the one that signs) | 'retired' */
    status: text('status').notNull(),
    /** 'generated' (self-signed at first start) | 'imported' (an administrator's PKCS#12) */
    origin: text('origin').notNull(),
    /** The organ named on the seal (the certificate's O): 威县行政审批局. */
    organName: text('organ_name').notNull(),
    /** 印章编码 (13 digits) drawn along the seal's bottom rim, when registered. */
    sealCode: text('seal_code'),
    /** Subject of the certificate, RFC 4514 style: CN=…,O=…,C=CN. */
    subject: text('subject').notNull(),
    /** Certificate serial number, hex. */
    serialNumber: text('serial_number').notNull(),
    /** SHA-256 of the certificate (DER), hex. */
    fingerprint: text('fingerprint').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    certificatePem: text('certificate_pem').notNull(),
    /** PKCS#12 (DER, base64) holding the key and its chain, encrypted with SEAL_PASSPHRASE. */
    pkcs12: text('pkcs12').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Who created or imported it (account user name, or system:<name>). */
    createdBy: text('created_by').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    // One active key per region; concurrent first starts of several processes insert at most one.
    uniqueIndex('seal_keys_one_active').on(t.regionCode).where(sql`${t.status} = 'active'`),
    index('seal_keys_fingerprint').on(t.fingerprint),
    check('seal_keys_status', sql`${t.status} in ('active', 'retired')`),
    check('seal_keys_origin', sql`${t.origin} in ('generated', 'imported')`),
  ],
);

/** Every use of the seal: which document was sealed, the signed file's hash, who and when (用印登记). */
export const sealUses = pgTable(
  'seal_uses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    sealKeyId: uuid('seal_key_id')
      .notNull()
      .references(() => sealKeys.id),
    /** e.g. 'certificate', 'acceptance_notice'. */
    documentKind: text('document_kind').notNull(),
    /** e.g. the certificate number or the case number. */
    documentReference: text('document_reference').notNull(),
    /** SHA-256 of the signed PDF, hex: how a presented file is found again. */
    pdfSha256: text('pdf_sha256').notNull(),
    /** The signature's stated reason. */
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('seal_uses_document').on(t.regionCode, t.documentKind, t.documentReference),
    index('seal_uses_pdf').on(t.pdfSha256),
    index('seal_uses_key').on(t.sealKeyId),
  ],
);
