/**
 * 录入年度节假日安排: an administrator enters a year the bundled State Council data does not have yet, from the
 * notice itself — each holiday with its days off as a date range (expanded into days), and the make-up working
 * days (调休上班). Declaring again replaces the previous declaration, so a declared year opens with what was
 * entered before.
 */
import { Alert, Button, DatePicker, Form, Input, Space } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { CalendarOverride, CalendarYear, DeclareYearBody } from '../../api/cases.types';
import { FormModal } from '../../components/FormModal';
import { PageLoading } from '../../components/States';
import { useCalendarOverrides } from './calendar.queries';

interface HolidayRow {
  name: string;
  range: [Dayjs, Dayjs] | null;
}
interface WorkdayRow {
  name: string;
  date: Dayjs | null;
}
interface DeclareForm {
  sourceNote: string;
  holidays: HolidayRow[];
  workdays: WorkdayRow[];
}

/** The holidays of every State Council notice, in the order it lists them. */
const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

/** Every day of each row's range, with the row each day came from (to put the server's errors back on it). */
function expand(rows: HolidayRow[]): { days: { date: string; name: string }[]; origin: number[] } {
  const days: { date: string; name: string }[] = [];
  const origin: number[] = [];
  rows.forEach((row, index) => {
    if (!row?.range) return;
    const [start, end] = row.range;
    for (let d = start.startOf('day'); !d.isAfter(end, 'day'); d = d.add(1, 'day')) {
      days.push({ date: d.format('YYYY-MM-DD'), name: row.name.trim() });
      origin.push(index);
    }
  });
  return { days, origin };
}

/** Consecutive declared holidays of the same name become one range again. */
function rowsFromOverrides(overrides: CalendarOverride[]): { holidays: HolidayRow[]; workdays: WorkdayRow[] } {
  const declared = overrides.filter((o) => o.origin === 'declared').sort((a, b) => a.date.localeCompare(b.date));
  const holidays: HolidayRow[] = [];
  for (const o of declared.filter((x) => x.kind === 'holiday')) {
    const last = holidays[holidays.length - 1];
    const day = dayjs(o.date);
    if (last?.range && last.name === o.name && last.range[1].add(1, 'day').isSame(day, 'day')) last.range = [last.range[0], day];
    else holidays.push({ name: o.name, range: [day, day] });
  }
  const workdays = declared.filter((x) => x.kind === 'workday').map((o) => ({ name: o.name, date: dayjs(o.date) }));
  return { holidays, workdays };
}

function Summary({ form }: { form: FormInstance<DeclareForm> }) {
  const { t } = useTranslation('cases');
  const holidays = (Form.useWatch('holidays', form) as HolidayRow[] | undefined) ?? [];
  const workdays = (Form.useWatch('workdays', form) as WorkdayRow[] | undefined) ?? [];
  return (
    <p className="ow-ok" aria-live="polite">
      {t('calendar.declare.summary', { holidays: expand(holidays).days.length, workdays: workdays.filter((w) => w?.date).length })}
    </p>
  );
}

export function DeclareYearDialog({
  year,
  existing,
  onClose,
  onSaved,
}: {
  year: number;
  existing: CalendarYear | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('cases');
  const isDeclared = existing?.source === 'declared';
  const overrides = useCalendarOverrides(year, isDeclared);
  if (isDeclared && overrides.isPending) return <PageLoading />;
  const before = isDeclared && overrides.data ? rowsFromOverrides(overrides.data) : null;
  const inYear = (d: Dayjs) => d.year() !== year;
  const pickerStart = dayjs(`${year}-01-01`);

  return (
    <FormModal<DeclareForm>
      name="declare-year"
      open
      width={820}
      title={t('calendar.declare.title', { year })}
      okText={t('calendar.declare.submit')}
      initialValues={{
        sourceNote: isDeclared ? (existing?.sourceNote ?? '') : '',
        holidays: before?.holidays.length ? before.holidays : HOLIDAY_NAMES.map((name) => ({ name, range: null })),
        workdays: before?.workdays ?? [],
      }}
      intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('calendar.declare.intro', { year })} />}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={async (v) => {
        const holidays = expand(v.holidays ?? []);
        const workdayRows = (v.workdays ?? []).map((w, index) => ({ w, index })).filter(({ w }) => w?.date);
        const body: DeclareYearBody = {
          sourceNote: v.sourceNote.trim(),
          holidays: holidays.days,
          workdays: workdayRows.map(({ w }) => ({ date: w.date!.format('YYYY-MM-DD'), name: w.name.trim() })),
        };
        try {
          return await api.post<CalendarYear>(`/api/calendar/years/${year}/declare`, body);
        } catch (err) {
          // The server names expanded days (body.holidays.12.date); point at the row they came from.
          if (!(err instanceof ApiError) || err.fields.length === 0) throw err;
          const fields = err.fields.map((f) => {
            const m = /^body\.(holidays|workdays)\.(\d+)\.(date|name)$/.exec(f.path);
            if (!m) return f;
            const i = Number(m[2]);
            if (m[1] === 'holidays') return { ...f, path: `body.holidays.${holidays.origin[i] ?? i}.${m[3] === 'date' ? 'range' : 'name'}` };
            return { ...f, path: `body.workdays.${workdayRows[i]?.index ?? i}.${m[3]}` };
          });
          throw new ApiError(err.status, err.code, err.message, fields);
        }
      }}
    >
      {(form) => (
        <>
          <Form.Item name="sourceNote" label={t('calendar.declare.sourceNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={200} placeholder={t('calendar.declare.sourceNotePlaceholder')} />
          </Form.Item>
          <h3 className="ow-subtitle">{t('calendar.declare.holidays')}</h3>
          <Form.List
            name="holidays"
            rules={[
              {
                validator: async (_, rows: HolidayRow[] | undefined) => {
                  // Each row's range is required on its own; the list itself needs one row.
                  if (!rows || rows.length === 0) throw new Error(t('calendar.declare.holidaysRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <Input
                        maxLength={40}
                        style={{ width: 150 }}
                        aria-label={`${t('calendar.declare.holidayName')} ${index + 1}`}
                        placeholder={t('calendar.declare.holidayNamePlaceholder')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <DatePicker.RangePicker
                        aria-label={`${t('calendar.declare.holidayRange')} ${index + 1}`}
                        disabledDate={inYear}
                        defaultPickerValue={[pickerStart, pickerStart]}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('calendar.declare.removeHoliday', { n: index + 1 })} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', range: null })}>
                  {t('calendar.declare.addHoliday')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          <h3 className="ow-subtitle">{t('calendar.declare.workdays')}</h3>
          <Form.List name="workdays">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <Input maxLength={40} style={{ width: 150 }} aria-label={`${t('calendar.declare.workdayName')} ${index + 1}`} placeholder={t('calendar.declare.holidayNamePlaceholder')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <DatePicker aria-label={`${t('calendar.declare.workdayDate')} ${index + 1}`} disabledDate={inYear} defaultPickerValue={pickerStart} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('calendar.declare.removeWorkday', { n: index + 1 })} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', date: null })}>
                  {t('calendar.declare.addWorkday')}
                </Button>
              </>
            )}
          </Form.List>
          <Summary form={form} />
        </>
      )}
    </FormModal>
  );
}
