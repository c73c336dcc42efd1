import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';

describe('organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('publishes the structure of the reform: 一局两中心, 26 departments, 34 units, 4 zones, 16 townships', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/org' });
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org.bureau.name).toBe('威县行政审批局');
    expect(org.sections).toHaveLength(8);
    expect(org.sections.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['政策法规和项目服务科', '投资项目科', '文教卫事务科']));
    expect(org.centres.map((c: { name: string }) => c.name).join()).toMatch(/审批信息中心.*公共资源交易中心|公共资源交易中心.*审批信息中心/);
    expect(org.departments).toHaveLength(26);
    expect(org.centerUnits).toHaveLength(34);
    const byCategory = (c: string) => org.centerUnits.filter((u: { category: string }) => u.category === c).length;
    expect([byCategory('government'), byCategory('utility'), byCategory('finance')]).toEqual([16, 9, 9]);
    expect(org.zones.filter((z: { kind: string }) => z.kind === 'hall')).toHaveLength(4);
    expect(org.townships).toHaveLength(16);
    expect(org.townships[0]).toMatchObject({ code: '130533100', name: '洺州镇' });
    expect(org.townships.find((t: { code: string }) => t.code === '130533209')?.name).toBe('高公庄乡');
    expect(org.windows.some((w: { kind: string }) => w.kind === 'comprehensive')).toBe(true);
    expect(org.windows.some((w: { kind: string }) => w.kind === 'dedicated')).toBe(true);
    for (const unit of [...org.departments, ...org.centerUnits, ...org.sections]) expect(unit.regionCode).toBe('130533');
  });

  it('masks chief representatives\' phones for the public but not for staff', async () => {
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/org' })).json();
    const unit = pub.centerUnits.find((u: { chiefRepresentativePhone: string | null }) => u.chiefRepresentativePhone);
    expect(unit.chiefRepresentativePhone).toMatch(/\*{3,}/);
    const staff = await t.login('clerk');
    const full = (await t.app.inject({ method: 'GET', url: '/api/org', headers: { cookie: staff } })).json();
    expect(full.centerUnits.find((u: { id: string }) => u.id === unit.id).chiefRepresentativePhone).not.toContain('*');
  });

  it('lets the centre manager change a stationed unit\'s chief representative but not a department', async () => {
    const manager = await t.login('manager');
    const org = (await t.app.inject({ method: 'GET', url: '/api/org', headers: { cookie: manager } })).json();
    const unit = org.centerUnits[0];
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/org/units/${unit.id}`,
      headers: { cookie: manager },
      payload: { chiefRepresentative: '韩立', chiefRepresentativePhone: '13931900000' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().chiefRepresentative).toBe('韩立');
    const dept = org.departments[0];
    const denied = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${dept.id}`, headers: { cookie: manager }, payload: { name: '改名' } });
    expect(denied.statusCode).toBe(403);
  });

  it('creates windows; a dedicated window needs its unit', async () => {
    const admin = await t.login('admin');
    const org = (await t.app.inject({ method: 'GET', url: '/api/org', headers: { cookie: admin } })).json();
    const zone = org.zones.find((z: { kind: string }) => z.kind === 'hall');
    const noUnit = await t.app.inject({ method: 'POST', url: '/api/org/windows', headers: { cookie: admin }, payload: { code: 'Z99', name: '临时专窗', zoneId: zone.id, kind: 'dedicated' } });
    expect(noUnit.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/org/windows',
      headers: { cookie: admin },
      payload: { code: 'Z99', name: '临时专窗', zoneId: zone.id, kind: 'dedicated', unitId: org.centerUnits[1].id },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'Z99', unitName: org.centerUnits[1].name, zoneName: zone.name });
    const dup = await t.app.inject({ method: 'POST', url: '/api/org/windows', headers: { cookie: admin }, payload: { code: 'Z99', name: '重复', zoneId: zone.id, kind: 'comprehensive' } });
    expect(dup.statusCode).toBe(400);
  });

  it('lets a township clerk edit only their own township centre', async () => {
    const township = await t.login('township');
    const own = await t.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie: township }, payload: { centrePhone: '0319-6100000' } });
    expect(own.statusCode).toBe(200);
    const other = await t.app.inject({ method: 'PATCH', url: '/api/org/townships/130533209', headers: { cookie: township }, payload: { centrePhone: '0319-6100000' } });
    expect(other.statusCode).toBe(403);
  });
});
