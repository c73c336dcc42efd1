import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';
import { deriveResultName } from '../../db/seed/reference';
import { pinyinKeys } from './catalog.service';

describe('catalogue helpers', () => {
  it('derives pinyin keys for search', () => {
    expect(pinyinKeys('食品经营许可')).toEqual({ initials: 'spjyxk', full: 'shipinjingyingxuke' });
    expect(pinyinKeys('建设工程（含临时建设）规划许可证核发').initials).toBe('jsgchlsjsghxkzhf');
  });

  it('derives the result of an item from its name', () => {
    expect(deriveResultName('食品经营许可', '行政许可')).toBe('食品经营许可证');
    expect(deriveResultName('建设工程（含临时建设）规划许可证核发', '行政许可')).toBe('建设工程（含临时建设）规划许可证');
    expect(deriveResultName('企业设立、变更、注销登记', '行政许可')).toBe('营业执照');
    expect(deriveResultName('临时用地审批', '行政许可')).toBe('准予行政许可决定书');
  });
});

describe('catalogue through the API', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('publishes the seed document\'s figures on the home page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/catalog/stats' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      departments: 26,
      licensingItems: 116,
      confirmationItems: 35,
      sections: 8,
      centerUnits: 34,
      serviceItems: 172,
      zones: 4,
      townships: 16,
    });
  });

  it('lists every active item in the public guide, with real names', async () => {
    const all = [];
    for (let offset = 0; ; offset += 200) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/items?limit=200&offset=${offset}` });
      expect(res.statusCode).toBe(200);
      all.push(...res.json().items);
      if (all.length >= res.json().total) break;
    }
    expect(all).toHaveLength(152 + 172);
    const names = all.map((i: { name: string }) => i.name);
    expect(names).toContain('食品经营许可');
    expect(names.some((n: string) => /^事项\d+$/.test(n))).toBe(false);
  });

  it('finds items by pinyin initials and by name', async () => {
    const byInitials = await t.app.inject({ method: 'GET', url: '/api/public/items?q=spjy' });
    expect(byInitials.json().items[0].name).toBe('食品经营许可');
    const byName = await t.app.inject({ method: 'GET', url: `/api/public/items?q=${encodeURIComponent('公共场所卫生')}` });
    expect(byName.json().items.map((i: { name: string }) => i.name)).toContain('公共场所卫生许可');
  });

  it('filters by department, zone (with its functional areas), life event and audience', async () => {
    const facets = (await t.app.inject({ method: 'GET', url: '/api/public/catalog/facets' })).json();
    expect(facets.departments).toHaveLength(26);
    const dept = facets.departments[0];
    const byDept = await t.app.inject({ method: 'GET', url: `/api/public/items?departmentId=${dept.id}&limit=200` });
    expect(byDept.json().total).toBe(dept.count);
    const approvalZone = facets.zones.find((z: { kind: string; parentId: string | null; name: string }) => z.kind === 'hall' && z.name === '行政审批区');
    const byZone = await t.app.inject({ method: 'GET', url: `/api/public/items?zoneId=${approvalZone.id}&limit=1` });
    expect(byZone.json().total).toBe(approvalZone.count);
    expect(approvalZone.count).toBeGreaterThanOrEqual(151);
    const business = await t.app.inject({ method: 'GET', url: '/api/public/items?lifeEvent=business_start&audience=enterprise&limit=200' });
    expect(business.json().total).toBeGreaterThan(0);
    for (const item of business.json().items) {
      expect(item.lifeEvents).toContain('business_start');
      expect(['enterprise', 'both']).toContain(item.audience);
    }
  });

  it('shows a full guide for one item', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/items/WX-XK-099' });
    expect(res.statusCode).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({ code: 'WX-XK-099', name: '食品经营许可', type: '行政许可', scope: 'bureau', resultName: '食品经营许可证' });
    expect(item.originDepartment.name).toBe('县食品药品监督管理局');
    expect(item.originDepartmentSuccessor).toBe('县市场监督管理局');
    expect(item.materials.length).toBeGreaterThan(1);
    expect(item.flow.length).toBeGreaterThanOrEqual(4);
    expect(item.legalBasis).toContain('食品安全法');
    const missing = await t.app.inject({ method: 'GET', url: '/api/public/items/WX-XK-999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('lets an administrator edit an item and its materials, with a 409 on a stale version', async () => {
    const found = (await t.app.inject({ method: 'GET', url: '/api/catalog/items?q=WX-XK-002', headers: { cookie: admin } })).json().items[0];
    const item = (await t.app.inject({ method: 'GET', url: `/api/catalog/items/${found.id}`, headers: { cookie: admin } })).json();
    const body = {
      version: item.version,
      name: item.name,
      type: item.type,
      scope: item.scope,
      originDepartmentId: item.originDepartment.id,
      executingUnitId: item.executingUnit.id,
      zoneId: item.zone.id,
      legalBasis: item.legalBasis,
      legalLimitValue: item.legalLimit.value,
      legalLimitUnit: item.legalLimit.unit,
      legalLimitNote: item.legalLimit.note,
      promisedLimitDays: 8,
      processingClass: '承诺件',
      conditions: item.conditions,
      resultName: item.resultName,
      fees: [],
      maxVisits: 1,
      isOnline: true,
      audience: item.audience,
      lifeEvents: item.lifeEvents,
      status: 'active',
      materials: [
        ...item.materials.map((m: Record<string, unknown>) => ({ id: m.id, name: m.name, form: m.form, copies: m.copies, requirement: m.requirement, condition: m.condition, sourceNote: m.sourceNote, reusableCertificate: m.reusableCertificate, notes: m.notes })),
        { name: '节能评估报告', form: 'original', copies: 1, requirement: 'required', sourceNote: '中介机构出具' },
      ],
    };
    const res = await t.app.inject({ method: 'PUT', url: `/api/catalog/items/${item.id}`, headers: { cookie: admin }, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json().promisedLimitDays).toBe(8);
    expect(res.json().materials.at(-1).name).toBe('节能评估报告');
    expect(res.json().version).toBe(item.version + 1);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/catalog/items/${item.id}`, headers: { cookie: admin }, payload: body });
    expect(stale.statusCode).toBe(409);
    const bad = await t.app.inject({ method: 'PUT', url: `/api/catalog/items/${item.id}`, headers: { cookie: admin }, payload: { ...body, version: item.version + 1, processingClass: '即办件', promisedLimitDays: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.promisedLimitDays');
  });

  it('exports the catalogue and imports it back unchanged; an import with a broken reference changes nothing', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/catalog/export', headers: { cookie: admin } });
    expect(exported.statusCode).toBe(200);
    const catalog = exported.json();
    expect(catalog.items).toHaveLength(324);
    const dry = await t.app.inject({ method: 'POST', url: '/api/catalog/import', headers: { cookie: admin }, payload: { ...catalog, dryRun: true } });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: [], updated: [] });
    expect(dry.json().unchanged).toHaveLength(324);

    const changed = structuredClone(catalog);
    changed.items[0].name = `${changed.items[0].name}（试点）`;
    changed.items.push({ ...structuredClone(catalog.items[1]), code: 'WX-XK-900', name: '新增试点事项许可' });
    const applied = await t.app.inject({ method: 'POST', url: '/api/catalog/import', headers: { cookie: admin }, payload: changed });
    expect(applied.json()).toMatchObject({ created: ['WX-XK-900'], updated: [catalog.items[0].code] });

    const broken = structuredClone(catalog);
    broken.items[3].executingUnitCode = 'NO-SUCH-UNIT';
    broken.items[4].name = '不应保存的名称';
    const refused = await t.app.inject({ method: 'POST', url: '/api/catalog/import', headers: { cookie: admin }, payload: broken });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('body.items.3.executingUnitCode');
    const untouched = await t.app.inject({ method: 'GET', url: `/api/public/items/${catalog.items[4].code}` });
    expect(untouched.json().name).toBe(catalog.items[4].name);
  });

  it('stores an uploaded template by content and serves it publicly; a file that is not a document is refused', async () => {
    const item = (await t.app.inject({ method: 'GET', url: '/api/public/items/WX-XK-099' })).json();
    const material = item.materials[0];
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = '----owtest';
    const multipart = (name: string, bytes: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/items/${item.id}/materials/${material.id}/template`,
      headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart('食品经营许可申请书.pdf', pdf),
    });
    expect(upload.statusCode).toBe(200);
    const sha = upload.json().materials[0].templateFileSha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const download = await t.app.inject({ method: 'GET', url: `/api/public/templates/${sha}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const script = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/items/${item.id}/materials/${material.id}/template`,
      headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart('evil.pdf', Buffer.from('<script>alert(1)</script>')),
    });
    expect(script.statusCode).toBe(400);
  });

  it('shows a regulator only the items of their own department', async () => {
    const regulator = await t.login('regulator');
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: regulator } })).json();
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/items?limit=200', headers: { cookie: regulator } });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
    for (const item of res.json().items) expect(item.originDepartment.id).toBe(me.account.orgUnitId);
    const other = (await t.app.inject({ method: 'GET', url: '/api/catalog/items?q=WX-XK-099', headers: { cookie: admin } })).json().items[0];
    expect(other.originDepartment.id).not.toBe(me.account.orgUnitId);
    const denied = await t.app.inject({ method: 'GET', url: `/api/catalog/items/${other.id}`, headers: { cookie: regulator } });
    expect(denied.statusCode).toBe(404);
  });

  it('writes an audit entry for each catalogue change', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/events?action=catalog.', headers: { cookie: admin } });
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['catalog.item.update', 'catalog.item.import', 'catalog.material.template']));
  });
});
