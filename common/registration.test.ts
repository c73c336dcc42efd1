import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './id-number';
import { composeCreditCode } from './credit-code';
import { checkRegistrationForm, formatCapital, isWellFormedName, nameCore, normalizeEnterpriseName } from './registration';

const id = (body17: string) => body17 + idNumberCheckChar(body17);
const rep = id('13053319850612301');
const complete = {
  kind: 'establish',
  enterpriseName: '威县惠民粮油购销有限公司',
  entityType: '有限责任公司',
  legalRepName: '赵立新',
  legalRepIdNumber: rep,
  registeredCapital: 300,
  townshipCode: '130533103',
  address: '侯贯村北街12号',
  businessScope: '粮食收购。',
};

describe('enterprise names', () => {
  it.each([
    ['威县 惠民（粮油）有限公司', '威县惠民(粮油)有限公司'],
    ['威县ａｂｃ商贸有限公司', '威县ABC商贸有限公司'],
    ['威县【恒达】农机有限公司', '威县(恒达)农机有限公司'],
  ])('normalises %s', (raw, normalized) => expect(normalizeEnterpriseName(raw)).toBe(normalized));

  it.each([
    ['威县恒达农业机械有限公司', '恒达农业机械'],
    ['河北省邢台市威县金丰农机专业合作社', '金丰农机'],
    ['威县洺州镇晨光便利店', '洺州镇晨光便利'],
    ['威县顺通物流中心（有限合伙）', '顺通物流'],
  ])('finds the distinguishing part of %s', (name, core) => expect(nameCore(name)).toBe(core));

  it.each([
    ['威县惠民粮油购销有限公司', true],
    ['ABCD', false],
    ['威县', false],
    ['威县<script>有限公司', false],
  ])('%s is well formed: %s', (name, ok) => expect(isWellFormedName(name)).toBe(ok));
});

describe('the registration form', () => {
  it('accepts a complete establishment and normalises it', () => {
    expect(checkRegistrationForm({ ...complete, legalRepIdNumber: rep.toLowerCase(), registeredCapital: '300' })).toEqual({ form: { ...complete, legalRepIdNumber: rep }, problems: [] });
  });

  it.each([
    [{ kind: 'open' }, [['kind', 'REGISTRATION_KIND']]],
    [{}, [['kind', 'REQUIRED']]],
    [{ ...complete, legalRepIdNumber: rep.slice(0, 17) + (rep[17] === '1' ? '2' : '1') }, [['legalRepIdNumber', 'ID_NUMBER_CHECKSUM']]],
    [{ ...complete, entityType: '公司' }, [['entityType', 'ENTITY_TYPE_UNKNOWN']]],
    [{ ...complete, registeredCapital: -5 }, [['registeredCapital', 'CAPITAL_FORMAT']]],
    [{ ...complete, registeredCapital: 1.00001 }, [['registeredCapital', 'CAPITAL_FORMAT']]],
    [{ ...complete, registeredCapital: undefined }, [['registeredCapital', 'REQUIRED']]],
    [{ ...complete, entityType: '个体工商户', registeredCapital: undefined }, []],
    [{ ...complete, businessScope: '' }, [['businessScope', 'REQUIRED']]],
    [{ kind: 'change', uscc: '91130533MA0D2K4L00' }, [['uscc', 'USCC_ORG_CHECKSUM'], ['enterpriseName', 'REGISTRATION_NO_CHANGE']]],
    [{ kind: 'change', uscc: composeCreditCode('9', '1', '130533', 'MA0D2K4L'), address: '新址' }, []],
    [{ kind: 'cancel' }, [['uscc', 'REQUIRED']]],
    [{ kind: 'cancel', uscc: composeCreditCode('9', '1', '130533', 'MA0D2K4L') }, []],
  ])('%j → %j', (form, expected) => {
    expect(checkRegistrationForm(form as Record<string, unknown>).problems.map((p) => [p.field, p.problem])).toEqual(expected);
  });

  it('writes capital as the licence does', () => {
    expect(formatCapital(300)).toBe('300万元人民币');
    expect(formatCapital(12.5)).toBe('12.5万元人民币');
    expect(formatCapital(null)).toBe('');
  });
});
